package dev.refusalguard.proxy.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refusalguard.proxy.api.Api;

/** An agent speaking the OpenAI Responses API served by an Anthropic Messages upstream. */
final class ResponsesAgentOnAnthropic implements Translation {

    @Override
    public String upstreamPath() {
        return Api.ANTHROPIC_MESSAGES.path();
    }

    @Override
    public ObjectNode request(ObjectNode agentBody) {
        return ResponsesToMessagesRequest.translate(agentBody);
    }

    @Override
    public JsonNode answer(int status, JsonNode body) {
        return MessagesToResponsesAnswer.translate(status, body);
    }

    @Override
    public StreamTranslator newStream(ObjectNode agentBody) {
        return new MessagesToResponsesStream();
    }
}
