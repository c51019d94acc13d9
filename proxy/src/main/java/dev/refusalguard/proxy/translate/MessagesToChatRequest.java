package dev.refusalguard.proxy.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An Anthropic Messages request as a Chat Completions request. Keeps: model, system (string or text blocks), text
 * and image blocks, tool_use (assistant tool_calls), tool_result (tool messages), custom tools, tool_choice,
 * disable_parallel_tool_use, max_tokens, temperature, top_p, stop_sequences, stream (with usage requested),
 * metadata.user_id. Drops: thinking and redacted_thinking blocks, server tools (web search, code execution...),
 * documents, cache_control, top_k, service_tier.
 */
final class MessagesToChatRequest {

    private MessagesToChatRequest() {
    }

    static ObjectNode translate(ObjectNode anthropic) {
        ObjectNode out = Wire.object();
        out.put("model", anthropic.path("model").asText());
        ArrayNode messages = out.putArray("messages");
        String system = Wire.text(anthropic.get("system"));
        if (!system.isEmpty()) {
            messages.addObject().put("role", "system").put("content", system);
        }
        for (JsonNode m : anthropic.path("messages")) {
            if ("assistant".equals(m.path("role").asText())) {
                assistant(messages, m.get("content"));
            } else {
                user(messages, m.get("content"));
            }
        }
        if (anthropic.path("max_tokens").canConvertToInt()) {
            out.put("max_tokens", anthropic.get("max_tokens").asInt());
        }
        for (String field : new String[]{"temperature", "top_p"}) {
            if (anthropic.path(field).isNumber()) {
                out.set(field, anthropic.get(field));
            }
        }
        if (anthropic.path("stop_sequences").isArray() && !anthropic.get("stop_sequences").isEmpty()) {
            out.set("stop", anthropic.get("stop_sequences").deepCopy());
        }
        if (anthropic.path("stream").asBoolean(false)) {
            out.put("stream", true);
            out.putObject("stream_options").put("include_usage", true);
        }
        tools(anthropic, out);
        if (anthropic.path("metadata").path("user_id").isTextual()) {
            out.put("user", anthropic.get("metadata").get("user_id").asText());
        }
        return out;
    }

    private static void user(ArrayNode messages, JsonNode content) {
        if (content == null || content.isTextual()) {
            messages.addObject().put("role", "user").put("content", content == null ? "" : content.asText());
            return;
        }
        ArrayNode parts = Wire.JSON.createArrayNode();
        for (JsonNode block : content) {
            switch (block.path("type").asText()) {
                case "tool_result" -> {
                    String text = Wire.text(block.get("content"));
                    if (block.path("is_error").asBoolean(false)) {
                        text = "Error: " + text;
                    }
                    messages.addObject().put("role", "tool").put("tool_call_id", block.path("tool_use_id").asText())
                            .put("content", text);
                }
                case "text" -> parts.addObject().put("type", "text").put("text", block.path("text").asText());
                case "image" -> {
                    JsonNode source = block.path("source");
                    String url = "base64".equals(source.path("type").asText())
                            ? "data:" + source.path("media_type").asText() + ";base64," + source.path("data").asText()
                            : source.path("url").asText();
                    parts.addObject().put("type", "image_url").putObject("image_url").put("url", url);
                }
                default -> {
                    // documents, search results: no Chat Completions equivalent
                }
            }
        }
        if (!parts.isEmpty()) {
            ObjectNode turn = messages.addObject().put("role", "user");
            turn.set("content", parts);
        }
    }

    private static void assistant(ArrayNode messages, JsonNode content) {
        ObjectNode turn = Wire.object().put("role", "assistant");
        if (content == null || content.isTextual()) {
            turn.put("content", content == null ? "" : content.asText());
            messages.add(turn);
            return;
        }
        StringBuilder text = new StringBuilder();
        ArrayNode calls = Wire.JSON.createArrayNode();
        for (JsonNode block : content) {
            String type = block.path("type").asText();
            if (type.equals("text")) {
                text.append(block.path("text").asText());
            } else if (type.equals("tool_use")) {
                ObjectNode call = calls.addObject().put("id", block.path("id").asText()).put("type", "function");
                call.putObject("function").put("name", block.path("name").asText())
                        .put("arguments", block.path("input").isMissingNode() ? "{}" : block.get("input").toString());
            }
        }
        if (text.isEmpty() && !calls.isEmpty()) {
            turn.putNull("content");
        } else {
            turn.put("content", text.toString());
        }
        if (!calls.isEmpty()) {
            turn.set("tool_calls", calls);
        }
        messages.add(turn);
    }

    private static void tools(ObjectNode anthropic, ObjectNode out) {
        ArrayNode tools = Wire.JSON.createArrayNode();
        for (JsonNode tool : anthropic.path("tools")) {
            String type = tool.path("type").asText("custom");
            if (!type.equals("custom") || !tool.path("name").isTextual()) {
                continue;
            }
            ObjectNode fn = tools.addObject().put("type", "function").putObject("function");
            fn.put("name", tool.get("name").asText());
            if (tool.path("description").isTextual()) {
                fn.put("description", tool.get("description").asText());
            }
            fn.set("parameters", tool.path("input_schema").isObject() ? tool.get("input_schema").deepCopy()
                    : Wire.object().put("type", "object"));
        }
        if (tools.isEmpty()) {
            return;
        }
        out.set("tools", tools);
        JsonNode choice = anthropic.path("tool_choice");
        switch (choice.path("type").asText("")) {
            case "any" -> out.put("tool_choice", "required");
            case "none" -> out.put("tool_choice", "none");
            case "auto" -> out.put("tool_choice", "auto");
            case "tool" -> out.putObject("tool_choice").put("type", "function").putObject("function")
                    .put("name", choice.path("name").asText());
            default -> {
                // absent: the upstream's default (auto)
            }
        }
        if (choice.path("disable_parallel_tool_use").asBoolean(false)) {
            out.put("parallel_tool_calls", false);
        }
    }
}
