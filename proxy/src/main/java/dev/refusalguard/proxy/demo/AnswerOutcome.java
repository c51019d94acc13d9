package dev.refusalguard.proxy.demo;

import java.util.Locale;

/** What one answer the demo agent received turned out to be. */
public enum AnswerOutcome {
    /** The simulator complied ({@code x-demo-simulated: compliance}). */
    COMPLIANCE,
    /** The simulator refused, or the proxy reported a refusal that stands. */
    REFUSAL,
    /** HTTP error or transport failure that is not a refusal. */
    ERROR,
    /** A 2xx answer without the simulator's header and without a proxy verdict. */
    UNKNOWN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
