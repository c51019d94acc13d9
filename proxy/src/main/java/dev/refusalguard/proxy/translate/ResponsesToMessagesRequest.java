package dev.refusalguard.proxy.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * An OpenAI Responses request as an Anthropic Messages request. Keeps: model, {@code instructions} and system /
 * developer message items (joined into {@code system}), {@code input} as a string or items (user input_text and
 * input_image parts, assistant output_text history, function_call items as tool_use, function_call_output items as
 * tool_result), function tools, tool_choice, parallel_tool_calls, max_output_tokens, temperature (clamped to 1),
 * top_p, stream, user / safety_identifier. Drops what Messages has no equivalent for: previous_response_id and
 * conversation (server-side state the Anthropic upstream does not hold), store, reasoning, text.format
 * (structured outputs), include, truncation, background, built-in tools (web search, file search, ...), reasoning
 * and other non-message items, input_file parts.
 */
final class ResponsesToMessagesRequest {

    private ResponsesToMessagesRequest() {
    }

    static ObjectNode translate(ObjectNode responses) {
        ObjectNode out = Wire.object();
        out.put("model", responses.path("model").asText());
        StringBuilder system = new StringBuilder(responses.path("instructions").asText(""));
        ArrayNode messages = out.putArray("messages");
        JsonNode input = responses.get("input");
        if (input != null && input.isTextual()) {
            ArrayNode blocks = Wire.JSON.createArrayNode();
            blocks.addObject().put("type", "text").put("text", input.asText());
            ChatToMessagesRequest.append(messages, "user", blocks);
        } else if (input != null) {
            for (JsonNode item : input) {
                item(item, messages, system);
            }
        }
        if (!system.isEmpty()) {
            out.put("system", system.toString());
        }
        JsonNode max = responses.get("max_output_tokens");
        out.put("max_tokens", max != null && max.canConvertToInt() ? max.asInt()
                : ChatToMessagesRequest.DEFAULT_MAX_TOKENS);
        if (responses.path("temperature").isNumber()) {
            out.put("temperature", Math.min(1.0, responses.get("temperature").asDouble()));
        }
        if (responses.path("top_p").isNumber()) {
            out.set("top_p", responses.get("top_p"));
        }
        if (responses.path("stream").asBoolean(false)) {
            out.put("stream", true);
        }
        tools(responses, out);
        String user = responses.path("safety_identifier").asText(responses.path("user").asText(""));
        if (!user.isEmpty()) {
            out.putObject("metadata").put("user_id", user);
        }
        return out;
    }

    private static void item(JsonNode item, ArrayNode messages, StringBuilder system) {
        String type = item.path("type").asText(item.has("role") ? "message" : "");
        switch (type) {
            case "message" -> {
                String role = item.path("role").asText("");
                switch (role) {
                    case "system", "developer" -> {
                        String text = Wire.text(item.get("content"));
                        if (!system.isEmpty() && !text.isEmpty()) {
                            system.append("\n\n");
                        }
                        system.append(text);
                    }
                    case "user" -> ChatToMessagesRequest.append(messages, "user", contentBlocks(item.get("content")));
                    case "assistant" -> ChatToMessagesRequest.append(messages, "assistant",
                            contentBlocks(item.get("content")));
                    default -> {
                        // unknown roles have no Messages equivalent
                    }
                }
            }
            case "function_call" -> {
                ArrayNode blocks = Wire.JSON.createArrayNode();
                ObjectNode use = blocks.addObject().put("type", "tool_use").put("id", item.path("call_id").asText())
                        .put("name", item.path("name").asText());
                use.set("input", Wire.argumentsObject(item.path("arguments").asText("")));
                ChatToMessagesRequest.append(messages, "assistant", blocks);
            }
            case "function_call_output" -> {
                ArrayNode blocks = Wire.JSON.createArrayNode();
                JsonNode output = item.get("output");
                blocks.addObject().put("type", "tool_result").put("tool_use_id", item.path("call_id").asText())
                        .put("content", output != null && output.isTextual() ? output.asText() : Wire.text(output));
                ChatToMessagesRequest.append(messages, "user", blocks);
            }
            default -> {
                // reasoning items, item references, built-in tool calls: dropped
            }
        }
    }

    /** A message item's content (a string or input_text / output_text / refusal / input_image parts) as blocks. */
    private static ArrayNode contentBlocks(JsonNode content) {
        ArrayNode blocks = Wire.JSON.createArrayNode();
        if (content == null || content.isNull()) {
            return blocks;
        }
        if (content.isTextual()) {
            if (!content.asText().isEmpty()) {
                blocks.addObject().put("type", "text").put("text", content.asText());
            }
            return blocks;
        }
        for (JsonNode part : content) {
            switch (part.path("type").asText("input_text")) {
                case "input_text", "output_text", "text" -> blocks.addObject().put("type", "text")
                        .put("text", part.path("text").asText());
                case "refusal" -> blocks.addObject().put("type", "text").put("text", part.path("refusal").asText());
                case "input_image" -> {
                    JsonNode url = part.get("image_url");
                    if (url != null && url.isTextual()) {
                        blocks.add(ChatToMessagesRequest.image(url.asText()));
                    }
                }
                default -> {
                    // input_file, input_audio: dropped
                }
            }
        }
        return blocks;
    }

    private static void tools(ObjectNode responses, ObjectNode out) {
        List<JsonNode> functions = new ArrayList<>();
        for (JsonNode tool : responses.path("tools")) {
            if ("function".equals(tool.path("type").asText())) {
                functions.add(tool);
            }
        }
        JsonNode choice = responses.get("tool_choice");
        String named = choice != null && "function".equals(choice.path("type").asText())
                ? choice.path("name").asText("") : "";
        ChatToMessagesRequest.anthropicTools(functions, choice, named, responses.get("parallel_tool_calls"), out);
    }
}
