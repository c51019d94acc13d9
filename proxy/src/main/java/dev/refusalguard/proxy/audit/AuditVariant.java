package dev.refusalguard.proxy.audit;

import java.util.Locale;

/** The four forms each prompt is sent in. */
public enum AuditVariant {
    /** The prompt as written. */
    ORIGINAL,
    /** Sensitive terms replaced by neutral equivalents (evidence such as code, logs, IOCs untouched). */
    NEUTRAL_REPHRASE,
    /** A free-text authorization claim prefixed to the prompt (the study found this raised refusals). */
    FREE_TEXT_CLAIM,
    /** The prompt as written, with the structured authorization block as system context. */
    STRUCTURED_AUTHORIZATION;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AuditVariant fromWireName(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
