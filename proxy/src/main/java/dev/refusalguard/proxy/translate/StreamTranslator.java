package dev.refusalguard.proxy.translate;

import dev.refusalguard.proxy.sse.SseEvent;

import java.util.function.Consumer;

/**
 * Translates one streamed answer event by event, at SSE event boundaries: each upstream event yields zero or more
 * complete, framed agent events (e.g. {@code "data: {...}\n\n"}). One stream, one event loop: not thread-safe.
 */
public interface StreamTranslator {

    void onEvent(SseEvent event, Consumer<String> out);

    /** The upstream stream ended; emits closing events it never sent (a missing terminal event). */
    void onEnd(Consumer<String> out);
}
