package dev.refusalguard.policies;

import java.util.Locale;

/** Judged intent of a request. Only DEFENSIVE requests are ever recovered by default. */
public enum Intent {
    DEFENSIVE,
    OFFENSIVE,
    AMBIGUOUS;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
