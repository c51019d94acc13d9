package dev.refusalguard.proxy.exchange;

import java.util.Locale;

/** Final outcome of an agent request; lower-case names are the {@code outcome} metric tag. */
public enum Outcome {
    SERVED,
    RECOVERED,
    REFUSED,
    BLOCKED_BY_INTENT,
    ERROR,
    /** The agent closed its connection before the answer was complete (not a proxy or upstream failure). */
    CLIENT_CLOSED;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
