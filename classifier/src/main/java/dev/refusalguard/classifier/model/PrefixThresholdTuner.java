package dev.refusalguard.classifier.model;

import java.util.List;

/**
 * Chooses the streaming thresholds (refusal above X, not-refusal below Y) on held-out data: among the pairs whose
 * simulated first decision keeps refusal recall at decision >= {@code minRecall} and false stops of compliant answers
 * <= {@code maxFalseStop}, the one deciding the most compliant answers by 64 characters. Recall is judged by its
 * one-sided 95% Wilson lower bound, not its point value, so the floor is meant to hold on unseen data too (with a few
 * hundred validation refusals the point value must be about 0.02-0.03 above the floor).
 */
public final class PrefixThresholdTuner {

    /** Checkpoints simulated, as in the evaluation (the last one is the full text). */
    public static final int[] CHECKPOINTS = {32, 64, 128, 256, Integer.MAX_VALUE};

    /**
     * @param scores   per text, the refusal score at each checkpoint (NaN when the prefix is shorter than minChars)
     * @param complete per text and checkpoint, whether the prefix is the whole text
     * @param refusal  per text, whether it is a refusal
     * @param compliant per text, whether it is a compliant answer
     */
    public record Sample(double[] scores, boolean[] complete, boolean refusal, boolean compliant) {
    }

    /** A threshold pair and its simulated figures; {@code refusals} is the number of refusals simulated. */
    public record Choice(double refusalAbove, double notRefusalBelow, double compliantBy64, double recallAtDecision,
                         double falseStop, long refusals) {
    }

    /** One-sided 95% (z = 1.645) Wilson score lower bound of a proportion {@code p} observed on {@code n} trials. */
    static double wilsonLowerBound(double p, long n) {
        if (n == 0) {
            return 0;
        }
        double z = 1.645;
        double z2n = z * z / n;
        double centre = p + z2n / 2;
        double spread = z * Math.sqrt(p * (1 - p) / n + z2n / (4.0 * n));
        return (centre - spread) / (1 + z2n);
    }

    private PrefixThresholdTuner() {
    }

    public static Choice tune(List<Sample> samples, double threshold, double minRecall, double maxFalseStop) {
        Choice best = null;
        Choice fallback = null;
        for (int a = 0; a <= 40; a++) {
            double above = threshold + (1 - threshold) * a / 40.0;
            for (int b = 0; b <= 40; b++) {
                double below = threshold * b / 40.0;
                Choice c = simulate(samples, threshold, above, below);
                if (wilsonLowerBound(c.recallAtDecision(), c.refusals()) >= minRecall && c.falseStop() <= maxFalseStop) {
                    if (best == null || c.compliantBy64() > best.compliantBy64()
                            || (c.compliantBy64() == best.compliantBy64() && c.recallAtDecision() > best.recallAtDecision())) {
                        best = c;
                    }
                }
                if (fallback == null || c.recallAtDecision() > fallback.recallAtDecision()) {
                    fallback = c;
                }
            }
        }
        return best != null ? best : fallback;
    }

    static Choice simulate(List<Sample> samples, double threshold, double above, double below) {
        long compliant = 0;
        long compliantBy64 = 0;
        long falseStop = 0;
        long refusals = 0;
        long refusalsCaught = 0;
        for (Sample s : samples) {
            Boolean decision = null;
            int at = -1;
            for (int i = 0; i < CHECKPOINTS.length && decision == null; i++) {
                double score = s.scores()[i];
                if (s.complete()[i]) {
                    decision = score >= threshold;
                } else if (!Double.isNaN(score) && score >= above) {
                    decision = true;
                } else if (!Double.isNaN(score) && score <= below) {
                    decision = false;
                }
                at = i;
            }
            if (s.compliant()) {
                compliant++;
                if (Boolean.FALSE.equals(decision) && CHECKPOINTS[at] <= 64) {
                    compliantBy64++;
                }
                if (Boolean.TRUE.equals(decision)) {
                    falseStop++;
                }
            }
            if (s.refusal()) {
                refusals++;
                if (Boolean.TRUE.equals(decision)) {
                    refusalsCaught++;
                }
            }
        }
        return new Choice(above, below, ratio(compliantBy64, compliant), ratio(refusalsCaught, refusals), ratio(falseStop, compliant), refusals);
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0 : (double) a / b;
    }
}
