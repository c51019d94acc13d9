package dev.refusalguard.policies;

import java.util.Locale;

/** Recovery strategies (metric tag values, header values, policy keys). */
public enum StrategyKind {
    REPHRASE,
    AUTHORIZATION_CONTEXT,
    REROUTE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static StrategyKind fromWireName(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
