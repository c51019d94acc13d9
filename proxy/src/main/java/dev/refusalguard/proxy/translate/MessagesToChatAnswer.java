package dev.refusalguard.proxy.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A complete Anthropic message as a {@code chat.completion}: text blocks become the content, tool_use blocks
 * become tool_calls (input serialised as the arguments string), stop_reason becomes finish_reason ("refusal" as
 * "content_filter"), usage is summed into prompt/completion tokens. Thinking blocks are dropped.
 */
final class MessagesToChatAnswer {

    private MessagesToChatAnswer() {
    }

    static JsonNode translate(int status, JsonNode body) {
        if (status != 200) {
            return ErrorBodies.anthropicToOpenAi(status, body);
        }
        if (body == null) {
            return null;
        }
        ObjectNode out = Wire.object();
        out.put("id", "chatcmpl-" + body.path("id").asText(""));
        out.put("object", "chat.completion");
        out.put("created", System.currentTimeMillis() / 1000);
        out.put("model", body.path("model").asText(""));
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        StringBuilder text = new StringBuilder();
        ArrayNode calls = Wire.JSON.createArrayNode();
        for (JsonNode block : body.path("content")) {
            String type = block.path("type").asText();
            if (type.equals("text")) {
                text.append(block.path("text").asText());
            } else if (type.equals("tool_use")) {
                ObjectNode call = calls.addObject().put("id", block.path("id").asText()).put("type", "function");
                call.putObject("function").put("name", block.path("name").asText())
                        .put("arguments", block.path("input").toString());
            }
        }
        if (text.isEmpty() && !calls.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text.toString());
        }
        message.putNull("refusal");
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", StopReasons.toFinishReason(body.path("stop_reason").asText("end_turn")));
        out.set("usage", usage(body.path("usage")));
        return out;
    }

    static ObjectNode usage(JsonNode anthropicUsage) {
        int prompt = anthropicUsage.path("input_tokens").asInt(0)
                + anthropicUsage.path("cache_creation_input_tokens").asInt(0)
                + anthropicUsage.path("cache_read_input_tokens").asInt(0);
        int completion = anthropicUsage.path("output_tokens").asInt(0);
        return Wire.object().put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
    }
}
