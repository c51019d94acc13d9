package dev.refusalguard.proxy.demo;

import java.util.Objects;

/**
 * One server-sent event: an optional {@code event:} name and one {@code data:} line.
 *
 * @param event event name, or null for data-only events (OpenAI Chat Completions)
 * @param data  the data line (JSON, or {@code [DONE]})
 */
public record SseEvent(String event, String data) {

    public SseEvent {
        Objects.requireNonNull(data, "data");
        if (data.indexOf('\n') >= 0 || data.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("SSE data must be a single line");
        }
    }

    public static SseEvent data(String data) {
        return new SseEvent(null, data);
    }

    /** The event as it goes on the wire, with its terminating blank line. */
    public String encode() {
        return (event == null ? "" : "event: " + event + "\n") + "data: " + data + "\n\n";
    }
}
