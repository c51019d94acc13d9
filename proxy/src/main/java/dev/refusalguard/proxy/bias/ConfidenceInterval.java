package dev.refusalguard.proxy.bias;

/**
 * A two-sided confidence interval.
 *
 * @param lower lower bound (inclusive)
 * @param upper upper bound (inclusive)
 */
public record ConfidenceInterval(double lower, double upper) {

    public ConfidenceInterval {
        if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upper) {
            throw new IllegalArgumentException("interval bounds must be ordered numbers: [" + lower + ", " + upper + "]");
        }
    }

    public boolean contains(double value) {
        return value >= lower && value <= upper;
    }
}
