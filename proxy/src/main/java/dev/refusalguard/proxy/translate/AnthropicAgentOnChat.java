package dev.refusalguard.proxy.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refusalguard.proxy.api.Api;

/** An agent speaking Anthropic Messages served by an OpenAI-format (Chat Completions) upstream. */
final class AnthropicAgentOnChat implements Translation {

    @Override
    public String upstreamPath() {
        return Api.OPENAI_CHAT.path();
    }

    @Override
    public ObjectNode request(ObjectNode agentBody) {
        return MessagesToChatRequest.translate(agentBody);
    }

    @Override
    public JsonNode answer(int status, JsonNode body) {
        return ChatToMessagesAnswer.translate(status, body);
    }

    @Override
    public StreamTranslator newStream(ObjectNode agentBody) {
        return new ChatToMessagesStream();
    }
}
