package dev.refusalguard.policies;

/**
 * Cut-offs turning an offensive score into an {@link Intent}: at or above {@code offensiveAt} OFFENSIVE, at or below
 * {@code defensiveAt} DEFENSIVE, between them AMBIGUOUS.
 *
 * @param defensiveAt highest offensive score still judged defensive
 * @param offensiveAt lowest offensive score judged offensive
 */
public record IntentThresholds(double defensiveAt, double offensiveAt) {

    public static final IntentThresholds DEFAULT = new IntentThresholds(0.35, 0.65);

    public IntentThresholds {
        if (!(defensiveAt >= 0.0 && defensiveAt <= 1.0)) {
            throw new IllegalArgumentException("defensive_at: must be within 0..1, was " + defensiveAt);
        }
        if (!(offensiveAt >= 0.0 && offensiveAt <= 1.0)) {
            throw new IllegalArgumentException("offensive_at: must be within 0..1, was " + offensiveAt);
        }
        if (defensiveAt >= offensiveAt) {
            throw new IllegalArgumentException("defensive_at: must be below offensive_at (" + defensiveAt + " >= " + offensiveAt + ")");
        }
    }

    public Intent intentOf(double offensiveScore) {
        if (offensiveScore >= offensiveAt) {
            return Intent.OFFENSIVE;
        }
        if (offensiveScore <= defensiveAt) {
            return Intent.DEFENSIVE;
        }
        return Intent.AMBIGUOUS;
    }

    /** Confidence in the judged intent: the score's distance into its band, scaled to 0.5..1 (ambiguous: closeness to the middle). */
    public double confidenceOf(double offensiveScore) {
        return switch (intentOf(offensiveScore)) {
            case OFFENSIVE -> 0.5 + 0.5 * (offensiveScore - offensiveAt) / Math.max(1e-9, 1.0 - offensiveAt);
            case DEFENSIVE -> 0.5 + 0.5 * (defensiveAt - offensiveScore) / Math.max(1e-9, defensiveAt);
            case AMBIGUOUS -> {
                double mid = (defensiveAt + offensiveAt) / 2.0;
                double half = (offensiveAt - defensiveAt) / 2.0;
                yield 0.5 + 0.5 * (1.0 - Math.abs(offensiveScore - mid) / half);
            }
        };
    }
}
