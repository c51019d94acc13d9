package dev.refusalguard.classifier;

import java.util.Locale;

/** The four answer classes the classifier tells apart. Wire names are stable (the `classify` output). */
public enum RefusalClass {
    COMPLIANCE,
    HARD_REFUSAL,
    SOFT_REFUSAL,
    PARTIAL_REFUSAL;

    /** The lower-case name used on the wire, in config and in metric tags. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RefusalClass fromWireName(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
