package dev.refusalguard.proxy.detect;

/**
 * The verdict on one answer.
 *
 * @param refusal      the answer is a refusal the proxy acts on
 * @param signal       what decided (null when not a refusal)
 * @param refusalClass classifier class wire name (compliance, hard_refusal, ...) or the signal's implied class
 * @param score        classifier refusal score, 1.0 for provider signals
 */
public record Detection(boolean refusal, RefusalSignal signal, String refusalClass, double score) {

    public static final Detection NOT_REFUSAL = new Detection(false, null, "compliance", 0.0);

    public static Detection bySignal(RefusalSignal signal) {
        return new Detection(true, signal, "hard_refusal", 1.0);
    }
}
