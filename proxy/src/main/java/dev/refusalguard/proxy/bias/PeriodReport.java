package dev.refusalguard.proxy.bias;

import java.time.Instant;
import java.util.Map;

/**
 * Refusal and bias measures over one period (the rolling window, or everything since start). Maps keep a stable
 * order (taxonomy order for categories, configuration order for models, slot order for labels).
 *
 * @param from                          start of the period
 * @param to                            end of the period (the report time)
 * @param refusalRate                   first-attempt refusals / requests
 * @param refusalRateByCategory         the same per task category (every category, in taxonomy order)
 * @param refusalRateByModel            the same per model (configured names, then {@code other})
 * @param sensitiveVsNeutral            sensitive wording vs neutral wording (the study's 2.72x measure)
 * @param sensitiveVsNeutralByCategory  the same within each category
 * @param authClaimVsNone               free-text authorization claim vs none
 * @param recoveryRateByStrategy        recovered / requests where the strategy ran (the last one tried)
 * @param outcomes                      final outcome counts
 * @param refusalsBySignal              first-attempt refusals by detecting signal
 * @param intents                       requests by judged intent
 * @param shadowPairs                   shadow probing: original vs neutral twin, all categories
 * @param shadowPairsByCategory         the same per category (only categories with pairs)
 */
public record PeriodReport(Instant from,
                           Instant to,
                           RateEstimate refusalRate,
                           Map<String, RateEstimate> refusalRateByCategory,
                           Map<String, RateEstimate> refusalRateByModel,
                           GroupComparison sensitiveVsNeutral,
                           Map<String, GroupComparison> sensitiveVsNeutralByCategory,
                           GroupComparison authClaimVsNone,
                           Map<String, RateEstimate> recoveryRateByStrategy,
                           Map<String, Long> outcomes,
                           Map<String, Long> refusalsBySignal,
                           Map<String, Long> intents,
                           PairedComparison shadowPairs,
                           Map<String, PairedComparison> shadowPairsByCategory) {
}
