package dev.refusalguard.proxy.bias;

/**
 * McNemar's test for paired binary outcomes, from the discordant pairs only.
 *
 * <p>With fewer than {@link #EXACT_BELOW} discordant pairs the p-value is the exact two-sided binomial test
 * (B ~ Binomial(b + c, 1/2)); otherwise the chi-square statistic with continuity correction
 * (|b - c| - 1)² / (b + c) with one degree of freedom.
 *
 * @param firstOnly  pairs where only the first member had the event (for example the original was refused, the
 *                   neutral twin was not)
 * @param secondOnly pairs where only the second member had the event
 * @param statistic  the corrected chi-square statistic (reported for both methods), NaN with no discordant pairs
 * @param pValue     two-sided p-value (1 with no discordant pairs)
 * @param method     {@code exact_binomial} or {@code chi_square_corrected}
 */
public record McNemarTest(long firstOnly, long secondOnly, double statistic, double pValue, String method) {

    /** Discordant-pair count below which the exact binomial test is used. */
    public static final int EXACT_BELOW = 25;

    public static final String EXACT = "exact_binomial";
    public static final String CHI_SQUARE = "chi_square_corrected";

    public static McNemarTest of(long firstOnly, long secondOnly) {
        if (firstOnly < 0 || secondOnly < 0) {
            throw new IllegalArgumentException("discordant counts must be >= 0: " + firstOnly + ", " + secondOnly);
        }
        long discordant = firstOnly + secondOnly;
        if (discordant == 0) {
            return new McNemarTest(0, 0, Double.NaN, 1.0, EXACT);
        }
        double diff = Math.max(0.0, Math.abs(firstOnly - secondOnly) - 1.0);
        double statistic = diff * diff / discordant;
        if (discordant < EXACT_BELOW) {
            return new McNemarTest(firstOnly, secondOnly, statistic,
                    exactTwoSided(Math.min(firstOnly, secondOnly), discordant), EXACT);
        }
        return new McNemarTest(firstOnly, secondOnly, statistic,
                ComplementaryErrorFunction.chiSquareOneDofPValue(statistic), CHI_SQUARE);
    }

    /** 2 · P(X <= k) for X ~ Binomial(n, 1/2), capped at 1. Computed in log space so large n cannot overflow. */
    static double exactTwoSided(long k, long n) {
        double logHalfPowN = -n * Math.log(2.0);
        double cumulative = 0.0;
        double logChoose = 0.0; // log C(n, 0)
        for (long i = 0; i <= k; i++) {
            if (i > 0) {
                logChoose += Math.log((double) (n - i + 1) / i);
            }
            cumulative += Math.exp(logChoose + logHalfPowN);
        }
        return Math.min(1.0, 2.0 * cumulative);
    }
}
