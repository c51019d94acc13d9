package dev.refusalguard.proxy.bias;

/**
 * Refusal rates of two independent groups (for example sensitive vs neutral requests).
 *
 * @param exposed    rate in the group carrying the factor (sensitive wording, authorization claim)
 * @param baseline   rate in the group without it
 * @param ratio      exposed / baseline with its Katz 95% interval; null when not estimable
 * @param chiSquare  Pearson chi-square test of independence; null when a margin is empty
 */
public record GroupComparison(RateEstimate exposed, RateEstimate baseline, RateRatio ratio, ChiSquareTest chiSquare) {

    public static GroupComparison of(long exposedEvents, long exposedTrials, long baselineEvents, long baselineTrials) {
        return new GroupComparison(
                RateEstimate.of(exposedEvents, exposedTrials),
                RateEstimate.of(baselineEvents, baselineTrials),
                RateRatio.katz(exposedEvents, exposedTrials, baselineEvents, baselineTrials),
                ChiSquareTest.fromRates(exposedEvents, exposedTrials, baselineEvents, baselineTrials));
    }
}
