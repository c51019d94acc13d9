package dev.refusalguard.proxy.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The three inspected APIs as seen by format-generic loopback tests: the path an agent posts to, a request body,
 * and the upstream's SSE events for a streamed text answer in that API's own wire format.
 */
public enum StreamFormat {

    CHAT("/v1/chat/completions", 2, "data: [DONE]") {
        @Override
        public String body(String prompt, boolean stream) {
            return "{\"model\":\"m\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\""
                    + prompt + "\"}]}";
        }

        @Override
        public List<String> events(String text, int pieceChars) {
            return OpenAiReplies.streamEvents(text, pieceChars);
        }

        @Override
        public String answer(String text) {
            return OpenAiReplies.completion(text);
        }
    },
    MESSAGES("/v1/messages", 3, "event: message_stop") {
        @Override
        public String body(String prompt, boolean stream) {
            return "{\"model\":\"claude-test\",\"max_tokens\":1024,\"stream\":" + stream
                    + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
        }

        @Override
        public List<String> events(String text, int pieceChars) {
            return AnthropicReplies.streamEvents(text, pieceChars, "end_turn");
        }

        @Override
        public String answer(String text) {
            return AnthropicReplies.message(text, "end_turn");
        }
    },
    RESPONSES("/v1/responses", 4, "event: response.completed") {
        @Override
        public String body(String prompt, boolean stream) {
            return "{\"model\":\"gpt-test\",\"stream\":" + stream + ",\"input\":\"" + prompt + "\"}";
        }

        @Override
        public List<String> events(String text, int pieceChars) {
            return ResponsesReplies.streamEvents(text, pieceChars, false);
        }

        @Override
        public String answer(String text) {
            return ResponsesReplies.response(text, false);
        }
    };

    private final String path;
    private final int closingEvents;
    private final String endMarker;

    StreamFormat(String path, int closingEvents, String endMarker) {
        this.path = path;
        this.closingEvents = closingEvents;
        this.endMarker = endMarker;
    }

    /** The API's path on the proxy. */
    public String path() {
        return path;
    }

    /** Text the agent receives in the stream's last event(s) (its terminal marker). */
    public String endMarker() {
        return endMarker;
    }

    /** A request for {@code prompt} (plain text, no characters JSON needs escaped). */
    public abstract String body(String prompt, boolean stream);

    /** The SSE events of {@code text} streamed in pieces of {@code pieceChars}, opening to terminal event. */
    public abstract List<String> events(String text, int pieceChars);

    /** A complete non-streamed answer holding {@code text}. */
    public abstract String answer(String text);

    /**
     * A compliant opening, then {@code count} text deltas of {@code charsEach} characters each, then the usual
     * closing events: a long stream for backpressure and disconnect tests.
     */
    public List<String> longStream(int count, int charsEach) {
        List<String> events = new ArrayList<>(events("Here is the summary of the logs.", 40));
        List<String> closing = new ArrayList<>(events.subList(events.size() - closingEvents, events.size()));
        events.subList(events.size() - closingEvents, events.size()).clear();
        List<String> piece = events("x".repeat(charsEach), charsEach);
        String delta = piece.get(piece.size() - closingEvents - 1);
        for (int i = 0; i < count; i++) {
            events.add(delta);
        }
        events.addAll(closing);
        return events;
    }

    /** The raw HTTP/1.1 request an agent socket writes (keep-alive, Content-Length framed). */
    public byte[] rawRequest(String prompt, boolean stream) {
        byte[] body = body(prompt, stream).getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "anthropic-version: 2023-06-01\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, out, 0, headBytes.length);
        System.arraycopy(body, 0, out, headBytes.length, body.length);
        return out;
    }
}
