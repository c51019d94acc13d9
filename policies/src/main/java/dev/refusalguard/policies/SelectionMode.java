package dev.refusalguard.policies;

import java.util.Locale;

/** How recovery strategies are chosen. */
public enum SelectionMode {
    /** The configured chain, in order. */
    CHAIN,
    /** Thompson sampling over success counts per model and category. */
    ADAPTIVE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
