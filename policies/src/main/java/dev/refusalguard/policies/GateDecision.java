package dev.refusalguard.policies;

import java.util.Locale;

/** What the {@link IntentGate} decided for a refused request. */
public enum GateDecision {
    /** Defensive (or ambiguous with retry enabled): recovery may be attempted. */
    RECOVER,
    /** Judged offensive: the refusal stands and is counted; never retried or rewritten. */
    DENY_OFFENSIVE,
    /** Ambiguous and the policy does not retry ambiguous requests: the refusal stands and is counted. */
    DENY_AMBIGUOUS;

    public boolean mayRecover() {
        return this == RECOVER;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
