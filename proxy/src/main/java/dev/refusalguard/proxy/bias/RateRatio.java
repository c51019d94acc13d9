package dev.refusalguard.proxy.bias;

/**
 * Ratio of two rates (exposed / baseline) with a 95% interval by the Katz log method:
 * SE(ln RR) = sqrt(1/a - 1/n1 + 1/b - 1/n2), interval exp(ln RR ± z·SE).
 *
 * @param ratio     point estimate
 * @param ci95      95% interval
 * @param corrected true when a zero event count forced adding 0.5 to every cell (see {@link #katz})
 */
public record RateRatio(double ratio, ConfidenceInterval ci95, boolean corrected) {

    /**
     * Katz estimate, or null when either group has no trials, or when both have no events (no ratio exists).
     * A zero event count in one group is handled by the Haldane correction (0.5 added to each cell) for the
     * interval; the point estimate stays the observed ratio when it is finite (0 when the exposed group has no
     * events, and then the interval starts at 0), and is the corrected one only when the baseline has no events
     * (the observed ratio would be infinite). {@code corrected} flags both cases.
     */
    public static RateRatio katz(long exposedEvents, long exposedTrials, long baselineEvents, long baselineTrials) {
        check(exposedEvents, exposedTrials, "exposed");
        check(baselineEvents, baselineTrials, "baseline");
        if (exposedTrials == 0 || baselineTrials == 0 || (exposedEvents == 0 && baselineEvents == 0)) {
            return null;
        }
        double a = exposedEvents;
        double n1 = exposedTrials;
        double b = baselineEvents;
        double n2 = baselineTrials;
        boolean corrected = exposedEvents == 0 || baselineEvents == 0;
        if (corrected) {
            a += 0.5;
            b += 0.5;
            n1 += 1.0;
            n2 += 1.0;
        }
        double estimate = (a / n1) / (b / n2);
        double se = Math.sqrt(1.0 / a - 1.0 / n1 + 1.0 / b - 1.0 / n2);
        double log = Math.log(estimate);
        double half = NormalQuantiles.Z_95 * se;
        double lower = Math.exp(log - half);
        double upper = Math.exp(log + half);
        if (exposedEvents == 0) {
            return new RateRatio(0.0, new ConfidenceInterval(0.0, upper), true);
        }
        double ratio = baselineEvents == 0 ? estimate
                : ((double) exposedEvents / exposedTrials) / ((double) baselineEvents / baselineTrials);
        return new RateRatio(ratio, new ConfidenceInterval(lower, upper), corrected);
    }

    private static void check(long events, long trials, String group) {
        if (events < 0 || trials < 0 || events > trials) {
            throw new IllegalArgumentException(group + " group needs 0 <= events <= trials, got " + events + "/" + trials);
        }
    }
}
