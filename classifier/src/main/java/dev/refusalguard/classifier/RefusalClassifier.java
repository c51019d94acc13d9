package dev.refusalguard.classifier;

/**
 * Text in, refusal verdict out. Implementations are thread-safe and may block for the duration of one
 * inference (microseconds to a millisecond); callers on an event loop must run them on an executor.
 */
public interface RefusalClassifier extends AutoCloseable {

    /** Verdict on a complete answer. */
    RefusalVerdict classify(String text);

    /**
     * Verdict on the opening of a streamed answer.
     *
     * @param prefix   the text seen so far
     * @param complete true when the stream has ended, so the prefix is the whole answer (never UNDECIDED then)
     */
    PrefixVerdict classifyPrefix(String prefix, boolean complete);

    @Override
    default void close() {
    }
}
