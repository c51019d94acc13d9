package dev.refusalguard.proxy.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** Anthropic Messages wire bodies for scripted upstreams. */
public final class AnthropicReplies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AnthropicReplies() {
    }

    /** A complete message with one text block (none when {@code text} is empty). */
    public static String message(String text, String stopReason) {
        ObjectNode root = head();
        if (!text.isEmpty()) {
            root.withArray("content").addObject().put("type", "text").put("text", text);
        }
        root.put("stop_reason", stopReason);
        return root.toString();
    }

    /** A complete message calling tool {@code name} with {@code inputJson}. */
    public static String toolUse(String name, String inputJson) {
        ObjectNode root = head();
        root.withArray("content").addObject().put("type", "text").put("text", "Let me look that up.");
        ObjectNode block = root.withArray("content").addObject();
        block.put("type", "tool_use").put("id", "toolu_01").put("name", name);
        block.set("input", read(inputJson));
        root.put("stop_reason", "tool_use");
        return root.toString();
    }

    private static ObjectNode head() {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "msg_test").put("type", "message").put("role", "assistant").put("model", "claude-test");
        root.putArray("content");
        root.putNull("stop_reason");
        root.putNull("stop_sequence");
        root.putObject("usage").put("input_tokens", 12).put("output_tokens", 34);
        return root;
    }

    /** The SSE sequence of a text answer: message_start, one text block in pieces, message_delta, message_stop. */
    public static List<String> streamEvents(String text, int pieceChars, String stopReason) {
        List<String> events = new ArrayList<>();
        ObjectNode start = JSON.createObjectNode().put("type", "message_start");
        ObjectNode msg = head();
        msg.withObject("usage").put("output_tokens", 1);
        start.set("message", msg);
        events.add(event("message_start", start));
        if (!text.isEmpty()) {
            events.add(event("content_block_start", (ObjectNode) read(
                    "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")));
            events.add(event("ping", (ObjectNode) read("{\"type\":\"ping\"}")));
            for (int i = 0; i < text.length(); i += pieceChars) {
                ObjectNode delta = JSON.createObjectNode().put("type", "content_block_delta").put("index", 0);
                delta.putObject("delta").put("type", "text_delta")
                        .put("text", text.substring(i, Math.min(text.length(), i + pieceChars)));
                events.add(event("content_block_delta", delta));
            }
            events.add(event("content_block_stop", (ObjectNode) read("{\"type\":\"content_block_stop\",\"index\":0}")));
        }
        ObjectNode md = JSON.createObjectNode().put("type", "message_delta");
        md.putObject("delta").put("stop_reason", stopReason).putNull("stop_sequence");
        md.putObject("usage").put("output_tokens", 34);
        events.add(event("message_delta", md));
        events.add(event("message_stop", (ObjectNode) read("{\"type\":\"message_stop\"}")));
        return events;
    }

    /** The SSE sequence of a tool call: a tool_use block whose input arrives as input_json_delta pieces. */
    public static List<String> toolUseStream(String name, String inputJson) {
        List<String> events = new ArrayList<>();
        ObjectNode start = JSON.createObjectNode().put("type", "message_start");
        start.set("message", head());
        events.add(event("message_start", start));
        ObjectNode blockStart = JSON.createObjectNode().put("type", "content_block_start").put("index", 0);
        blockStart.putObject("content_block").put("type", "tool_use").put("id", "toolu_01").put("name", name)
                .putObject("input");
        events.add(event("content_block_start", blockStart));
        int half = inputJson.length() / 2;
        for (String piece : List.of(inputJson.substring(0, half), inputJson.substring(half))) {
            ObjectNode delta = JSON.createObjectNode().put("type", "content_block_delta").put("index", 0);
            delta.putObject("delta").put("type", "input_json_delta").put("partial_json", piece);
            events.add(event("content_block_delta", delta));
        }
        events.add(event("content_block_stop", (ObjectNode) read("{\"type\":\"content_block_stop\",\"index\":0}")));
        ObjectNode md = JSON.createObjectNode().put("type", "message_delta");
        md.putObject("delta").put("stop_reason", "tool_use").putNull("stop_sequence");
        md.putObject("usage").put("output_tokens", 20);
        events.add(event("message_delta", md));
        events.add(event("message_stop", (ObjectNode) read("{\"type\":\"message_stop\"}")));
        return events;
    }

    public static String error(String type, String message) {
        ObjectNode root = JSON.createObjectNode().put("type", "error");
        root.putObject("error").put("type", type).put("message", message);
        return root.toString();
    }

    private static String event(String name, ObjectNode data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    static com.fasterxml.jackson.databind.JsonNode read(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
