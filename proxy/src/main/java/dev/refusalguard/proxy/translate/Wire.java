package dev.refusalguard.proxy.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON and SSE framing helpers shared by the translators. */
final class Wire {

    static final ObjectMapper JSON = new ObjectMapper();

    private Wire() {
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** An unnamed SSE event (OpenAI framing). */
    static String data(String payload) {
        return "data: " + payload + "\n\n";
    }

    /** A named SSE event whose payload carries the same {@code type} (Anthropic framing). */
    static String named(String type, ObjectNode payload) {
        return "event: " + type + "\ndata: " + payload + "\n\n";
    }

    /** Parses JSON text, or null when it is not JSON. */
    static JsonNode parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            return null;
        }
    }

    /** Parses tool-call arguments into an object; anything that is not a JSON object becomes {}. */
    static ObjectNode argumentsObject(String arguments) {
        JsonNode node = parse(arguments);
        return node instanceof ObjectNode o ? o : object();
    }

    /** Text of a string or of the {@code text} fields of a part/block array, joined without separators. */
    static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : content) {
            if (part.path("text").isTextual()) {
                sb.append(part.get("text").asText());
            }
        }
        return sb.toString();
    }
}
