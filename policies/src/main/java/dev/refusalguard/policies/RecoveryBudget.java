package dev.refusalguard.policies;

import java.time.Duration;

/**
 * Limits on recovering one request.
 *
 * @param maxAttempts  recovery attempts after the refused one (1..10)
 * @param maxAddedTime wall time recovery may add to the exchange (positive)
 */
public record RecoveryBudget(int maxAttempts, Duration maxAddedTime) {

    public static final RecoveryBudget DEFAULT = new RecoveryBudget(2, Duration.ofSeconds(30));

    public RecoveryBudget {
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("budget.max_attempts: must be within 1..10, was " + maxAttempts);
        }
        if (maxAddedTime == null || maxAddedTime.isNegative() || maxAddedTime.isZero()) {
            throw new IllegalArgumentException("budget.max_added_time: must be positive, was " + maxAddedTime);
        }
    }

    /** True when another attempt may start after {@code attemptsMade} recovery attempts and {@code addedSoFar}. */
    public boolean allowsAnother(int attemptsMade, Duration addedSoFar) {
        return attemptsMade < maxAttempts && addedSoFar.compareTo(maxAddedTime) < 0;
    }
}
