package dev.refusalguard.proxy.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OpenAI Responses objects built from Anthropic answers, shared by the whole-answer and the stream translator:
 * the response envelope, its output items and usage, and the status an Anthropic {@code stop_reason} maps to
 * ({@code refusal} as an incomplete response stopped by {@code content_filter}, the Responses API's own refusal
 * signal besides a refusal part; {@code max_tokens} as {@code max_output_tokens}).
 */
final class ResponseObjects {

    private ResponseObjects() {
    }

    /** A response envelope; {@code usage} may be null (in progress). */
    static ObjectNode response(String id, String model, long createdAt, String stopReason, ArrayNode output,
                               ObjectNode usage) {
        ObjectNode r = Wire.object();
        r.put("id", id).put("object", "response").put("created_at", createdAt);
        String reason = incompleteReason(stopReason);
        r.put("status", stopReason == null ? "in_progress" : reason == null ? "completed" : "incomplete");
        r.putNull("error");
        if (reason == null) {
            r.putNull("incomplete_details");
        } else {
            r.putObject("incomplete_details").put("reason", reason);
        }
        r.putNull("instructions");
        r.put("model", model);
        r.set("output", output);
        r.put("parallel_tool_calls", true);
        r.putNull("temperature");
        r.put("tool_choice", "auto");
        r.putArray("tools");
        r.putNull("top_p");
        r.putObject("metadata");
        if (usage == null) {
            r.putNull("usage");
        } else {
            r.set("usage", usage);
        }
        return r;
    }

    /** The Responses id for an Anthropic message id. */
    static String responseId(String messageId) {
        return "resp_" + messageId;
    }

    /** The incomplete_details.reason for a stop_reason, or null when the response completed. */
    static String incompleteReason(String stopReason) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "refusal" -> "content_filter";
            case "max_tokens", "model_context_window_exceeded" -> "max_output_tokens";
            default -> null;
        };
    }

    static ObjectNode messageItem(String id, String status) {
        ObjectNode item = Wire.object().put("id", id).put("type", "message").put("status", status)
                .put("role", "assistant");
        item.putArray("content");
        return item;
    }

    static ObjectNode textPart(String text) {
        ObjectNode part = Wire.object().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        return part;
    }

    static ObjectNode functionCallItem(String toolUseId, String name, String arguments, String status) {
        return Wire.object().put("id", "fc_" + toolUseId).put("type", "function_call").put("status", status)
                .put("call_id", toolUseId).put("name", name).put("arguments", arguments);
    }

    /** Anthropic usage as Responses usage (cache reads and writes count as input; cache reads as cached). */
    static ObjectNode usage(JsonNode anthropic, int outputTokens) {
        int cached = anthropic.path("cache_read_input_tokens").asInt(0);
        int input = anthropic.path("input_tokens").asInt(0) + cached
                + anthropic.path("cache_creation_input_tokens").asInt(0);
        ObjectNode u = Wire.object().put("input_tokens", input);
        u.putObject("input_tokens_details").put("cached_tokens", cached);
        u.put("output_tokens", outputTokens);
        u.putObject("output_tokens_details").put("reasoning_tokens", 0);
        u.put("total_tokens", input + outputTokens);
        return u;
    }
}
