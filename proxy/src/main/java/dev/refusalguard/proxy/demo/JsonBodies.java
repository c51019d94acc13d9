package dev.refusalguard.proxy.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Shared JSON helpers of the demo endpoints (one mapper, reading content that is a string or parts). */
final class JsonBodies {

    static final ObjectMapper JSON = new ObjectMapper();

    private JsonBodies() {
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a tree node", e);
        }
    }

    /** Parses a request body that must be a JSON object. */
    static ObjectNode parseObject(String body, String malformedMessage) throws ApiRequestException {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiRequestException(400, ApiRequestException.Kind.MALFORMED_JSON, malformedMessage, null);
        }
        if (node == null || !node.isObject()) {
            throw new ApiRequestException(400, ApiRequestException.Kind.MALFORMED_JSON, malformedMessage, null);
        }
        return (ObjectNode) node;
    }

    /** Text of a content value: a string, or an array of parts whose text-bearing parts are joined. */
    static String contentText(JsonNode content) {
        if (content == null || content.isNull() || content.isMissingNode()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder sb = new StringBuilder();
        if (content.isArray()) {
            for (JsonNode part : content) {
                JsonNode text = part.isTextual() ? part : part.get("text");
                if (text != null && text.isTextual()) {
                    if (sb.length() > 0) {
                        sb.append('\n');
                    }
                    sb.append(text.asText());
                }
            }
        }
        return sb.toString();
    }

    static void appendLine(StringBuilder sb, String text) {
        if (text.isEmpty()) {
            return;
        }
        if (sb.length() > 0) {
            sb.append('\n');
        }
        sb.append(text);
    }

    /** Required non-blank string field. */
    static String requiredString(ObjectNode body, String field, ApiRequestException ifMissing)
            throws ApiRequestException {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            throw ifMissing;
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            throw ApiRequestException.invalid(field, "'" + field + "' must be a non-empty string.");
        }
        return n.asText();
    }
}
