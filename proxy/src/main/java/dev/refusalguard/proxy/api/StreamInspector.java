package dev.refusalguard.proxy.api;

import dev.refusalguard.proxy.detect.RefusalSignal;
import dev.refusalguard.proxy.sse.SseEvent;

/**
 * Reads one streamed answer event by event: accumulates its text (bounded) and notes provider signals.
 * One exchange, one event loop: no synchronisation.
 */
public interface StreamInspector {

    void onEvent(SseEvent event);

    /** Answer text so far (at most the configured number of characters). */
    String text();

    /** Total answer characters seen (may exceed what {@link #text()} keeps). */
    int textLength();

    RefusalSignal signal();

    boolean toolCall();

    /** The stream's terminal event was seen. */
    boolean finished();

    String finishReason();
}
