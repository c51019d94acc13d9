package dev.refusalguard.policies;

/**
 * A snapshot of one key's outcomes.
 *
 * @param successes recoveries
 * @param failures  attempts that did not recover
 */
public record StrategyCounts(long successes, long failures) {

    public StrategyCounts {
        if (successes < 0 || failures < 0) {
            throw new IllegalArgumentException("successes/failures: must not be negative");
        }
    }

    /** Mean of Beta(successes + 1, failures + 1). */
    public double posteriorMean() {
        return (successes + 1.0) / (successes + failures + 2.0);
    }
}
