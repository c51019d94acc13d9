package dev.refusalguard.proxy.demo;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What an endpoint answers: a complete JSON body, or a stream of server-sent events. */
public sealed interface DemoReply {

    Map<String, String> headers();

    /** A complete JSON response. */
    record Full(int status, Map<String, String> headers, String json) implements DemoReply {
        public Full {
            headers = Map.copyOf(headers);
            Objects.requireNonNull(json, "json");
        }
    }

    /** An HTTP 200 event stream, sent one event per chunk. */
    record Stream(Map<String, String> headers, List<SseEvent> events) implements DemoReply {
        public Stream {
            headers = Map.copyOf(headers);
            events = List.copyOf(events);
        }
    }
}
