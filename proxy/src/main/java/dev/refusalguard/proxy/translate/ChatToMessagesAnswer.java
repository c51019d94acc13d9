package dev.refusalguard.proxy.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A complete {@code chat.completion} as an Anthropic message: the content (and a refusal, as text) becomes a text
 * block, tool_calls become tool_use blocks (arguments parsed; invalid JSON becomes {}), finish_reason becomes
 * stop_reason (a refusal or "content_filter" as "refusal"), usage maps to input/output tokens. Only the first
 * choice is kept.
 */
final class ChatToMessagesAnswer {

    private ChatToMessagesAnswer() {
    }

    static JsonNode translate(int status, JsonNode body) {
        if (status != 200) {
            return ErrorBodies.openAiToAnthropic(status, body);
        }
        if (body == null) {
            return null;
        }
        JsonNode choice = body.path("choices").path(0);
        JsonNode message = choice.path("message");
        ObjectNode out = Wire.object();
        out.put("id", "msg_" + body.path("id").asText(""));
        out.put("type", "message");
        out.put("role", "assistant");
        out.put("model", body.path("model").asText(""));
        ArrayNode content = out.putArray("content");
        String refusal = message.path("refusal").isTextual() ? message.get("refusal").asText() : "";
        String text = Wire.text(message.get("content"));
        if (!text.isEmpty() || !refusal.isEmpty()) {
            content.addObject().put("type", "text").put("text", refusal.isEmpty() ? text : refusal);
        }
        for (JsonNode call : message.path("tool_calls")) {
            ObjectNode use = content.addObject().put("type", "tool_use").put("id", call.path("id").asText())
                    .put("name", call.path("function").path("name").asText());
            use.set("input", Wire.argumentsObject(call.path("function").path("arguments").asText("")));
        }
        String finish = choice.path("finish_reason").isTextual() ? choice.get("finish_reason").asText() : null;
        out.put("stop_reason", refusal.isEmpty() ? StopReasons.toStopReason(finish) : "refusal");
        out.putNull("stop_sequence");
        out.set("usage", usage(body.path("usage")));
        return out;
    }

    static ObjectNode usage(JsonNode chatUsage) {
        return Wire.object().put("input_tokens", chatUsage.path("prompt_tokens").asInt(0))
                .put("output_tokens", chatUsage.path("completion_tokens").asInt(0));
    }
}
