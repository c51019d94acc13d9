package dev.refusalguard.proxy.bias;

/**
 * Paired refusal comparison: the original request against its twin.
 *
 * @param counts               the four pair outcomes
 * @param originalRefusalRate  refusal rate of the originals
 * @param twinRefusalRate      refusal rate of the twins
 * @param mcnemar              McNemar's test on the discordant pairs
 */
public record PairedComparison(PairedCounts counts,
                               RateEstimate originalRefusalRate,
                               RateEstimate twinRefusalRate,
                               McNemarTest mcnemar) {
}
