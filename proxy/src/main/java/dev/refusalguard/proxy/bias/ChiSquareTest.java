package dev.refusalguard.proxy.bias;

/**
 * Pearson's chi-square test of independence on a 2x2 table (no continuity correction), with the p-value from the
 * chi-square distribution with one degree of freedom.
 *
 * @param statistic the chi-square statistic
 * @param pValue    P(X >= statistic) for X ~ chi-square(1)
 */
public record ChiSquareTest(double statistic, double pValue) {

    /**
     * Table rows are the groups (exposed, baseline), columns are (event, no event):
     * <pre>
     *              event   no event
     *   exposed      a        b
     *   baseline     c        d
     * </pre>
     * Returns null when a row or a column is empty (the statistic is undefined).
     */
    public static ChiSquareTest pearson(long a, long b, long c, long d) {
        if (a < 0 || b < 0 || c < 0 || d < 0) {
            throw new IllegalArgumentException("cell counts must be >= 0: " + a + ", " + b + ", " + c + ", " + d);
        }
        double row1 = a + b;
        double row2 = c + d;
        double col1 = a + c;
        double col2 = b + d;
        if (row1 == 0 || row2 == 0 || col1 == 0 || col2 == 0) {
            return null;
        }
        double n = row1 + row2;
        double cross = (double) a * d - (double) b * c;
        // N (ad - bc)^2 / (row1 row2 col1 col2), computed in steps to stay in range for large counts.
        double statistic = n * (cross / row1) * (cross / row2) / col1 / col2;
        return new ChiSquareTest(statistic, ComplementaryErrorFunction.chiSquareOneDofPValue(statistic));
    }

    /** Same test from two rates: events/trials of the exposed and of the baseline group. */
    public static ChiSquareTest fromRates(long exposedEvents, long exposedTrials, long baselineEvents, long baselineTrials) {
        return pearson(exposedEvents, exposedTrials - exposedEvents, baselineEvents, baselineTrials - baselineEvents);
    }
}
