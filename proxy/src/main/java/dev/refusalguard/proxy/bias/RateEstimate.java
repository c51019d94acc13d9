package dev.refusalguard.proxy.bias;

/**
 * A proportion with its Wilson score 95% interval.
 *
 * @param events number of events (for example refused requests)
 * @param trials number of trials (requests)
 * @param rate   events / trials, NaN when there are no trials
 * @param ci95   Wilson score interval, null when there are no trials
 */
public record RateEstimate(long events, long trials, double rate, ConfidenceInterval ci95) {

    public RateEstimate {
        if (events < 0 || trials < 0 || events > trials) {
            throw new IllegalArgumentException("need 0 <= events <= trials, got " + events + "/" + trials);
        }
    }

    /** Rate of {@code events} in {@code trials} with its Wilson score interval at 95%. */
    public static RateEstimate of(long events, long trials) {
        if (events < 0 || trials < 0 || events > trials) {
            throw new IllegalArgumentException("need 0 <= events <= trials, got " + events + "/" + trials);
        }
        if (trials == 0) {
            return new RateEstimate(events, 0, Double.NaN, null);
        }
        return new RateEstimate(events, trials, (double) events / trials, wilson(events, trials, NormalQuantiles.Z_95));
    }

    /**
     * Wilson score interval: centre (p + z²/2n) / (1 + z²/n), half-width z·sqrt(p(1-p)/n + z²/4n²) / (1 + z²/n).
     * Unlike the normal approximation it stays inside [0,1] and behaves at 0 and n events.
     */
    public static ConfidenceInterval wilson(long events, long trials, double z) {
        if (trials <= 0) {
            throw new IllegalArgumentException("trials must be > 0: " + trials);
        }
        double n = trials;
        double p = events / n;
        double z2 = z * z;
        double denominator = 1.0 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double halfWidth = z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
        double lower = events == 0 ? 0.0 : Math.max(0.0, centre - halfWidth);
        double upper = events == trials ? 1.0 : Math.min(1.0, centre + halfWidth);
        return new ConfidenceInterval(lower, upper);
    }

    public boolean defined() {
        return trials > 0;
    }
}
