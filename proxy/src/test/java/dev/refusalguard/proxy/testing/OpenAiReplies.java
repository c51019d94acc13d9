package dev.refusalguard.proxy.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** OpenAI Chat Completions wire bodies for scripted upstreams. */
public final class OpenAiReplies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenAiReplies() {
    }

    public static String completion(String text) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-test");
        root.put("object", "chat.completion");
        root.put("created", 1_700_000_000L);
        root.put("model", "test-model");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", text);
        message.putNull("refusal");
        choice.put("finish_reason", "stop");
        ObjectNode usage = root.putObject("usage");
        usage.put("prompt_tokens", 10);
        usage.put("completion_tokens", 20);
        usage.put("total_tokens", 30);
        return root.toString();
    }

    public static String refusalField(String refusal) {
        ObjectNode root = (ObjectNode) read(completion(""));
        ObjectNode message = (ObjectNode) root.get("choices").get(0).get("message");
        message.putNull("content");
        message.put("refusal", refusal);
        return root.toString();
    }

    /** SSE events streaming {@code text} in pieces of {@code pieceChars}, then finish and [DONE]. */
    public static List<String> streamEvents(String text, int pieceChars) {
        List<String> events = new ArrayList<>();
        events.add(event(chunk("{\"role\":\"assistant\",\"content\":\"\"}", null)));
        for (int i = 0; i < text.length(); i += pieceChars) {
            String piece = text.substring(i, Math.min(text.length(), i + pieceChars));
            ObjectNode delta = JSON.createObjectNode();
            delta.put("content", piece);
            events.add(event(chunk(delta.toString(), null)));
        }
        events.add(event(chunk("{}", "stop")));
        events.add("data: [DONE]\n\n");
        return events;
    }

    private static String chunk(String deltaJson, String finish) {
        return "{\"id\":\"chatcmpl-test\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"test-model\",\"choices\":[{\"index\":0,\"delta\":" + deltaJson + ",\"finish_reason\":"
                + (finish == null ? "null" : "\"" + finish + "\"") + "}]}";
    }

    private static String event(String data) {
        return "data: " + data + "\n\n";
    }

    private static com.fasterxml.jackson.databind.JsonNode read(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
