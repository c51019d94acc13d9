package dev.refusalguard.benchmarks.upstream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixed OpenAI Chat Completions answers the test upstream sends, encoded once. The text is a compliant
 * defensive answer full of words a naive filter would flag, so the proxy's classifier does real work on it.
 */
public final class StubAnswers {

    /** A compliant incident-response answer (about 900 characters). */
    public static final String ANSWER_TEXT = "Here is how to analyse the suspicious macro safely and what to do next. "
            + "The document runs an auto-open macro that calls Shell with a base64-encoded PowerShell command. "
            + "Decoded, it is a download cradle: it fetches a second stage from a remote server and runs it in memory, "
            + "so nothing lands on disk. Persistence is a Run key named OneDriveUpdate pointing at a copy of the loader "
            + "in the user's AppData folder. To contain it, isolate the host from the network but keep it powered on, "
            + "collect volatile data first, then take a memory image. Block the command-and-control domain at the proxy "
            + "and the DNS resolver, and hunt for the same Run key and scheduled task on other hosts with your EDR. "
            + "Write a detection rule for Office applications spawning PowerShell with an encoded command, and for "
            + "network connections from powershell.exe to newly registered domains. Finally, reset the user's "
            + "credentials and review sign-in logs for the last fourteen days.";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] completion;
    private final byte[] roleEvent;
    private final List<byte[]> contentEvents;
    private final byte[] finishEvent;
    private final byte[] doneEvent;

    public StubAnswers(int streamChunks, int chunkChars) {
        this.completion = encodeCompletion();
        this.roleEvent = event(chunk(delta("role", "assistant").put("content", ""), null));
        this.contentEvents = new ArrayList<>(streamChunks);
        for (int i = 0; i < streamChunks; i++) {
            contentEvents.add(event(chunk(delta("content", slice(i, chunkChars)), null)));
        }
        this.finishEvent = event(chunk(JSON.createObjectNode(), "stop"));
        this.doneEvent = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);
    }

    /** Text of content chunk {@code i}: the answer text repeated as needed, cut in {@code chunkChars} pieces. */
    static String slice(int i, int chunkChars) {
        StringBuilder sb = new StringBuilder(chunkChars);
        int pos = (int) ((long) i * chunkChars % ANSWER_TEXT.length());
        while (sb.length() < chunkChars) {
            int take = Math.min(chunkChars - sb.length(), ANSWER_TEXT.length() - pos);
            sb.append(ANSWER_TEXT, pos, pos + take);
            pos = (pos + take) % ANSWER_TEXT.length();
        }
        return sb.toString();
    }

    public byte[] completion() {
        return completion;
    }

    public byte[] roleEvent() {
        return roleEvent;
    }

    public byte[] contentEvent(int i) {
        return contentEvents.get(i);
    }

    public int contentEvents() {
        return contentEvents.size();
    }

    public byte[] finishEvent() {
        return finishEvent;
    }

    public byte[] doneEvent() {
        return doneEvent;
    }

    private static byte[] encodeCompletion() {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-bench");
        root.put("object", "chat.completion");
        root.put("created", 1_700_000_000L);
        root.put("model", "gpt-4o-mini");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", ANSWER_TEXT);
        message.putNull("refusal");
        choice.put("finish_reason", "stop");
        ObjectNode usage = root.putObject("usage");
        usage.put("prompt_tokens", 120);
        usage.put("completion_tokens", 190);
        usage.put("total_tokens", 310);
        return bytes(root);
    }

    private static ObjectNode delta(String field, String value) {
        ObjectNode d = JSON.createObjectNode();
        d.put(field, value);
        return d;
    }

    private static ObjectNode chunk(ObjectNode delta, String finishReason) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-bench");
        root.put("object", "chat.completion.chunk");
        root.put("created", 1_700_000_000L);
        root.put("model", "gpt-4o-mini");
        ArrayNode choices = root.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return root;
    }

    private static byte[] event(ObjectNode chunk) {
        return ("data: " + new String(bytes(chunk), StandardCharsets.UTF_8) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (Exception e) {
            throw new IllegalStateException("cannot encode a fixed answer", e);
        }
    }
}
