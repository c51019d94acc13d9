package dev.refusalguard.proxy.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refusalguard.proxy.api.Api;
import dev.refusalguard.proxy.api.ApiErrors;

/** Error bodies re-shaped between the OpenAI and Anthropic error formats, keeping status and message. */
final class ErrorBodies {

    private ErrorBodies() {
    }

    /** {@code {"type":"error","error":{type,message}}} as {@code {"error":{message,type,param,code}}}. */
    static JsonNode anthropicToOpenAi(int status, JsonNode body) {
        if (body == null) {
            return null;
        }
        JsonNode error = body.path("error");
        ObjectNode out = Wire.object();
        ObjectNode e = out.putObject("error");
        e.put("message", error.path("message").asText(body.toString()));
        e.put("type", ApiErrors.typeFor(Api.OPENAI_CHAT, status));
        e.putNull("param");
        if (error.path("type").isTextual()) {
            e.put("code", error.get("type").asText());
        } else {
            e.putNull("code");
        }
        return out;
    }

    /** {@code {"error":{message,type,param,code}}} as {@code {"type":"error","error":{type,message}}}. */
    static JsonNode openAiToAnthropic(int status, JsonNode body) {
        if (body == null) {
            return null;
        }
        JsonNode error = body.path("error");
        ObjectNode out = Wire.object().put("type", "error");
        out.putObject("error").put("type", ApiErrors.typeFor(Api.ANTHROPIC_MESSAGES, status))
                .put("message", error.path("message").asText(body.toString()));
        return out;
    }
}
