package dev.refusalguard.benchmarks.load;

/** Receives the outcome of each request, on the client event loop. Times are {@link System#nanoTime()}. */
interface ResponseRecorder {

    /** An answer arrived: {@code intendedNanos} is when the request was due, not when it could be sent. */
    void success(long intendedNanos, long endNanos);

    /** A request failed (non-200, connection lost, unanswered). */
    void failure(long intendedNanos, String reason);
}
