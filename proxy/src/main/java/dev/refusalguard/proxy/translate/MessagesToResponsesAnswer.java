package dev.refusalguard.proxy.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A complete Anthropic message as an OpenAI Responses {@code response}: each run of text blocks becomes a message
 * item with output_text parts, each tool_use block a function_call item (input serialised as the arguments),
 * stop_reason the status ({@code refusal} as incomplete with reason {@code content_filter}), usage mapped.
 * Thinking blocks and citations are dropped; errors take OpenAI's error shape.
 */
final class MessagesToResponsesAnswer {

    private MessagesToResponsesAnswer() {
    }

    static JsonNode translate(int status, JsonNode body) {
        if (status != 200) {
            return ErrorBodies.anthropicToOpenAi(status, body);
        }
        if (body == null) {
            return null;
        }
        String messageId = body.path("id").asText("");
        ArrayNode output = Wire.JSON.createArrayNode();
        ObjectNode message = null;
        for (JsonNode block : body.path("content")) {
            String type = block.path("type").asText();
            if (type.equals("text")) {
                if (message == null) {
                    message = ResponseObjects.messageItem("msg_" + messageId + "_" + output.size(), "completed");
                    output.add(message);
                }
                message.withArray("content").add(ResponseObjects.textPart(block.path("text").asText()));
            } else if (type.equals("tool_use")) {
                message = null;
                output.add(ResponseObjects.functionCallItem(block.path("id").asText(), block.path("name").asText(),
                        block.path("input").toString(), "completed"));
            }
        }
        JsonNode usage = body.path("usage");
        return ResponseObjects.response(ResponseObjects.responseId(messageId), body.path("model").asText(""),
                System.currentTimeMillis() / 1000, body.path("stop_reason").asText("end_turn"), output,
                ResponseObjects.usage(usage, usage.path("output_tokens").asInt(0)));
    }
}
