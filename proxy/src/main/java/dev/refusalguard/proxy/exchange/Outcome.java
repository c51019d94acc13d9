package dev.refusalguard.proxy.exchange;

import java.util.Locale;

/** Final outcome of an agent request; lower-case names are the {@code outcome} metric tag. */
public enum Outcome {
    SERVED,
    RECOVERED,
    REFUSED,
    BLOCKED_BY_INTENT,
    ERROR;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
