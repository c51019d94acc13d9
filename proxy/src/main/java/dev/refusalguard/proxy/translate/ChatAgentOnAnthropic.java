package dev.refusalguard.proxy.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refusalguard.proxy.api.Api;

/** An agent speaking Chat Completions served by an Anthropic Messages upstream. */
final class ChatAgentOnAnthropic implements Translation {

    @Override
    public String upstreamPath() {
        return Api.ANTHROPIC_MESSAGES.path();
    }

    @Override
    public ObjectNode request(ObjectNode agentBody) {
        return ChatToMessagesRequest.translate(agentBody);
    }

    @Override
    public JsonNode answer(int status, JsonNode body) {
        return MessagesToChatAnswer.translate(status, body);
    }

    @Override
    public StreamTranslator newStream(ObjectNode agentBody) {
        return new MessagesToChatStream(agentBody.path("stream_options").path("include_usage").asBoolean(false));
    }
}
