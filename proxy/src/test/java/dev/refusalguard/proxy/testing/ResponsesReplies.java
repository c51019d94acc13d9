package dev.refusalguard.proxy.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** OpenAI Responses wire bodies for scripted upstreams. */
public final class ResponsesReplies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResponsesReplies() {
    }

    /** A completed response with one message item holding an output_text (or refusal) part. */
    public static String response(String text, boolean refusalPart) {
        ObjectNode root = head("completed");
        ObjectNode item = root.withArray("output").addObject();
        item.put("id", "msg_1").put("type", "message").put("status", "completed").put("role", "assistant");
        item.putArray("content").add(part(text, refusalPart));
        return root.toString();
    }

    /** A completed response whose only output item is a function call. */
    public static String functionCall(String name, String arguments) {
        ObjectNode root = head("completed");
        root.withArray("output").addObject().put("id", "fc_1").put("type", "function_call").put("status", "completed")
                .put("call_id", "call_1").put("name", name).put("arguments", arguments);
        return root.toString();
    }

    /** An incomplete response stopped by the content filter. */
    public static String contentFiltered() {
        ObjectNode root = head("incomplete");
        root.putObject("incomplete_details").put("reason", "content_filter");
        return root.toString();
    }

    private static ObjectNode part(String text, boolean refusal) {
        ObjectNode p = JSON.createObjectNode();
        if (refusal) {
            return p.put("type", "refusal").put("refusal", text);
        }
        p.put("type", "output_text").put("text", text);
        p.putArray("annotations");
        return p;
    }

    private static ObjectNode head(String status) {
        ObjectNode r = JSON.createObjectNode();
        r.put("id", "resp_1").put("object", "response").put("created_at", 1_700_000_000L).put("status", status);
        r.putNull("error");
        r.putNull("incomplete_details");
        r.putNull("instructions");
        r.put("model", "gpt-test");
        r.putArray("output");
        r.put("parallel_tool_calls", true);
        r.put("temperature", 1.0);
        r.put("tool_choice", "auto");
        r.putArray("tools");
        r.put("top_p", 1.0);
        r.putObject("metadata");
        ObjectNode usage = r.putObject("usage");
        usage.put("input_tokens", 10);
        usage.putObject("input_tokens_details").put("cached_tokens", 0);
        usage.put("output_tokens", 20);
        usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
        usage.put("total_tokens", 30);
        return r;
    }

    /** The typed SSE events of a text (or refusal) answer streamed in pieces. */
    public static List<String> streamEvents(String text, int pieceChars, boolean refusalPart) {
        List<String> events = new ArrayList<>();
        int[] seq = {0};
        ObjectNode inProgress = head("in_progress");
        inProgress.putArray("output");
        events.add(event(seq, "response.created", obj().set("response", inProgress)));
        ObjectNode added = obj().put("id", "msg_1").put("type", "message").put("status", "in_progress")
                .put("role", "assistant");
        added.putArray("content");
        events.add(event(seq, "response.output_item.added", obj().put("output_index", 0).set("item", added)));
        events.add(event(seq, "response.content_part.added", located().set("part", part("", refusalPart))));
        String deltaType = refusalPart ? "response.refusal.delta" : "response.output_text.delta";
        for (int i = 0; i < text.length(); i += pieceChars) {
            events.add(event(seq, deltaType, located().put("delta",
                    text.substring(i, Math.min(text.length(), i + pieceChars)))));
        }
        events.add(event(seq, refusalPart ? "response.refusal.done" : "response.output_text.done",
                located().put(refusalPart ? "refusal" : "text", text)));
        events.add(event(seq, "response.content_part.done", located().set("part", part(text, refusalPart))));
        ObjectNode done = (ObjectNode) AnthropicReplies.read(response(text, refusalPart));
        events.add(event(seq, "response.output_item.done", obj().put("output_index", 0)
                .set("item", done.get("output").get(0))));
        events.add(event(seq, "response.completed", obj().set("response", done)));
        return events;
    }

    /** A streamed function call: output_item.added, arguments deltas, done, completed. */
    public static List<String> functionCallStream(String name, String arguments) {
        List<String> events = new ArrayList<>();
        int[] seq = {0};
        events.add(event(seq, "response.created", obj().set("response", head("in_progress"))));
        ObjectNode item = obj().put("id", "fc_1").put("type", "function_call").put("status", "in_progress")
                .put("call_id", "call_1").put("name", name).put("arguments", "");
        events.add(event(seq, "response.output_item.added", obj().put("output_index", 0).set("item", item)));
        events.add(event(seq, "response.function_call_arguments.delta", obj().put("item_id", "fc_1")
                .put("output_index", 0).put("delta", arguments)));
        ObjectNode done = (ObjectNode) AnthropicReplies.read(functionCall(name, arguments));
        events.add(event(seq, "response.output_item.done", obj().put("output_index", 0)
                .set("item", done.get("output").get(0))));
        events.add(event(seq, "response.completed", obj().set("response", done)));
        return events;
    }

    private static ObjectNode located() {
        return obj().put("item_id", "msg_1").put("output_index", 0).put("content_index", 0);
    }

    private static ObjectNode obj() {
        return JSON.createObjectNode();
    }

    private static String event(int[] seq, String type, ObjectNode payload) {
        ObjectNode e = obj().put("type", type).put("sequence_number", seq[0]++);
        e.setAll(payload);
        return "event: " + type + "\ndata: " + e + "\n\n";
    }
}
