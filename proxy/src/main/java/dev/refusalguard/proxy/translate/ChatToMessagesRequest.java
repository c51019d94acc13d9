package dev.refusalguard.proxy.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A Chat Completions request as an Anthropic Messages request. Keeps: model, system/developer messages (joined
 * into {@code system}), user/assistant text, image parts, assistant tool calls (tool_use), tool results
 * (tool_result), function tools, tool_choice, parallel_tool_calls, max tokens, temperature (clamped to 1), top_p,
 * stop, stream, user. Drops what Messages has no equivalent for: n, response_format, logprobs, penalties, seed,
 * logit_bias, audio, modalities, stream_options (used only to shape the streamed answer).
 */
final class ChatToMessagesRequest {

    static final int DEFAULT_MAX_TOKENS = 4096;

    private ChatToMessagesRequest() {
    }

    static ObjectNode translate(ObjectNode chat) {
        ObjectNode out = Wire.object();
        out.put("model", chat.path("model").asText());
        StringBuilder system = new StringBuilder();
        ArrayNode messages = out.putArray("messages");
        for (JsonNode m : chat.path("messages")) {
            String role = m.path("role").asText("");
            switch (role) {
                case "system", "developer" -> {
                    if (!system.isEmpty()) {
                        system.append("\n\n");
                    }
                    system.append(Wire.text(m.get("content")));
                }
                case "user" -> append(messages, "user", userBlocks(m.get("content")));
                case "assistant" -> append(messages, "assistant", assistantBlocks(m));
                case "tool" -> {
                    ArrayNode blocks = Wire.JSON.createArrayNode();
                    blocks.addObject().put("type", "tool_result").put("tool_use_id", m.path("tool_call_id").asText())
                            .put("content", Wire.text(m.get("content")));
                    append(messages, "user", blocks);
                }
                default -> {
                    // legacy "function" role: no tool_use id to answer, dropped
                }
            }
        }
        if (!system.isEmpty()) {
            out.put("system", system.toString());
        }
        JsonNode max = chat.has("max_completion_tokens") ? chat.get("max_completion_tokens") : chat.get("max_tokens");
        out.put("max_tokens", max != null && max.canConvertToInt() ? max.asInt() : DEFAULT_MAX_TOKENS);
        if (chat.path("temperature").isNumber()) {
            out.put("temperature", Math.min(1.0, chat.get("temperature").asDouble()));
        }
        if (chat.path("top_p").isNumber()) {
            out.set("top_p", chat.get("top_p"));
        }
        JsonNode stop = chat.get("stop");
        if (stop != null && stop.isTextual()) {
            out.putArray("stop_sequences").add(stop.asText());
        } else if (stop != null && stop.isArray()) {
            out.set("stop_sequences", stop.deepCopy());
        }
        if (chat.path("stream").asBoolean(false)) {
            out.put("stream", true);
        }
        tools(chat, out);
        if (chat.path("user").isTextual()) {
            out.putObject("metadata").put("user_id", chat.get("user").asText());
        }
        return out;
    }

    /** Appends blocks as a turn, merging into the previous turn when it has the same role. */
    static void append(ArrayNode messages, String role, ArrayNode blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        if (last != null && role.equals(last.path("role").asText())) {
            ((ArrayNode) last.get("content")).addAll(blocks);
            return;
        }
        ObjectNode turn = messages.addObject();
        turn.put("role", role);
        turn.set("content", blocks);
    }

    private static ArrayNode userBlocks(JsonNode content) {
        ArrayNode blocks = Wire.JSON.createArrayNode();
        if (content == null || content.isNull()) {
            return blocks;
        }
        if (content.isTextual()) {
            blocks.addObject().put("type", "text").put("text", content.asText());
            return blocks;
        }
        for (JsonNode part : content) {
            String type = part.path("type").asText();
            if (type.equals("text")) {
                blocks.addObject().put("type", "text").put("text", part.path("text").asText());
            } else if (type.equals("image_url")) {
                blocks.add(image(part.path("image_url").path("url").asText()));
            }
        }
        return blocks;
    }

    static ObjectNode image(String url) {
        ObjectNode block = Wire.object().put("type", "image");
        ObjectNode source = block.putObject("source");
        int comma = url.indexOf(',');
        if (url.startsWith("data:") && comma > 0 && url.substring(0, comma).endsWith(";base64")) {
            source.put("type", "base64").put("media_type", url.substring(5, comma - ";base64".length()))
                    .put("data", url.substring(comma + 1));
        } else {
            source.put("type", "url").put("url", url);
        }
        return block;
    }

    private static ArrayNode assistantBlocks(JsonNode m) {
        ArrayNode blocks = Wire.JSON.createArrayNode();
        String text = Wire.text(m.get("content"));
        if (!text.isEmpty()) {
            blocks.addObject().put("type", "text").put("text", text);
        }
        for (JsonNode call : m.path("tool_calls")) {
            ObjectNode use = blocks.addObject().put("type", "tool_use").put("id", call.path("id").asText())
                    .put("name", call.path("function").path("name").asText());
            use.set("input", Wire.argumentsObject(call.path("function").path("arguments").asText("")));
        }
        return blocks;
    }

    private static void tools(ObjectNode chat, ObjectNode out) {
        List<JsonNode> functions = new ArrayList<>();
        for (JsonNode tool : chat.path("tools")) {
            if ("function".equals(tool.path("type").asText())) {
                functions.add(tool.path("function"));
            }
        }
        JsonNode choice = chat.get("tool_choice");
        String named = choice == null ? "" : choice.path("function").path("name").asText("");
        anthropicTools(functions, choice, named, chat.get("parallel_tool_calls"), out);
    }

    /**
     * Anthropic {@code tools} and {@code tool_choice} from OpenAI function definitions (objects with {@code name},
     * {@code description}, {@code parameters}), the agent's {@code tool_choice} ({@code namedChoice}: the function it
     * names, or empty) and {@code parallel_tool_calls}. Shared by the Chat Completions and Responses translations.
     */
    static void anthropicTools(List<JsonNode> functions, JsonNode toolChoice, String namedChoice,
                               JsonNode parallelToolCalls, ObjectNode out) {
        ArrayNode tools = Wire.JSON.createArrayNode();
        for (JsonNode fn : functions) {
            if (!fn.path("name").isTextual()) {
                continue;
            }
            ObjectNode t = tools.addObject().put("name", fn.get("name").asText());
            if (fn.path("description").isTextual()) {
                t.put("description", fn.get("description").asText());
            }
            JsonNode schema = fn.get("parameters");
            if (schema instanceof ObjectNode) {
                t.set("input_schema", schema.deepCopy());
            } else {
                t.putObject("input_schema").put("type", "object").putObject("properties");
            }
        }
        if (tools.isEmpty()) {
            return;
        }
        out.set("tools", tools);
        ObjectNode choice = toolChoice(toolChoice, namedChoice);
        if (parallelToolCalls != null && parallelToolCalls.isBoolean() && !parallelToolCalls.asBoolean()) {
            if (choice == null) {
                choice = Wire.object().put("type", "auto");
            }
            choice.put("disable_parallel_tool_use", true);
        }
        if (choice != null) {
            out.set("tool_choice", choice);
        }
    }

    private static ObjectNode toolChoice(JsonNode choice, String named) {
        if (choice == null || choice.isNull()) {
            return null;
        }
        if (choice.isTextual()) {
            return switch (choice.asText()) {
                case "required" -> Wire.object().put("type", "any");
                case "none" -> Wire.object().put("type", "none");
                default -> Wire.object().put("type", "auto");
            };
        }
        return named.isEmpty() ? null : Wire.object().put("type", "tool").put("name", named);
    }
}
