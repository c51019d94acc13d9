package dev.refusalguard.proxy.bias;

import dev.refusalguard.policies.Intent;
import dev.refusalguard.policies.TaskCategory;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a {@link Tally} into a {@link PeriodReport}: sums over dimensions, then rates, intervals and tests. */
final class BiasReportBuilder {

    private final CounterLayout layout;
    private final List<String> modelNames;
    private final BoundedLabels signals;
    private final BoundedLabels strategies;
    private final BoundedLabels outcomes;

    BiasReportBuilder(CounterLayout layout, List<String> modelNames, BoundedLabels signals, BoundedLabels strategies,
                      BoundedLabels outcomes) {
        this.layout = layout;
        this.modelNames = modelNames;
        this.signals = signals;
        this.strategies = strategies;
        this.outcomes = outcomes;
    }

    PeriodReport period(Tally tally, Instant from, Instant to) {
        TaskCategory[] categories = TaskCategory.values();
        long[] categoryRequests = new long[categories.length];
        long[] categoryRefused = new long[categories.length];
        long[] modelRequests = new long[modelNames.size()];
        long[] modelRefused = new long[modelNames.size()];
        // [category][sensitive] and [authClaim]
        long[][] sensitiveRequests = new long[categories.length][2];
        long[][] sensitiveRefused = new long[categories.length][2];
        long[] claimRequests = new long[2];
        long[] claimRefused = new long[2];
        PairedCounts[] pairs = new PairedCounts[categories.length];
        java.util.Arrays.fill(pairs, PairedCounts.EMPTY);

        for (int cell = 0; cell < layout.cellCount(); cell++) {
            int[] dims = layout.decode(cell);
            int category = dims[0];
            int model = dims[1];
            long requests = tally.get(layout.requests(cell));
            long refused = tally.get(layout.refused(cell));
            categoryRequests[category] += requests;
            categoryRefused[category] += refused;
            modelRequests[model] += requests;
            modelRefused[model] += refused;
            sensitiveRequests[category][dims[2]] += requests;
            sensitiveRefused[category][dims[2]] += refused;
            claimRequests[dims[3]] += requests;
            claimRefused[dims[3]] += refused;
            long shadow = tally.get(layout.shadow(cell));
            if (shadow > 0) {
                boolean original = dims[2] == 1;
                boolean twin = dims[3] == 1;
                pairs[category] = pairs[category].plus(new PairedCounts(original && twin ? shadow : 0,
                        original && !twin ? shadow : 0, !original && twin ? shadow : 0, !original && !twin ? shadow : 0));
            }
        }

        long requests = sum(categoryRequests);
        long refused = sum(categoryRefused);
        Map<String, RateEstimate> byCategory = new LinkedHashMap<>();
        Map<String, GroupComparison> sensitiveByCategory = new LinkedHashMap<>();
        Map<String, PairedComparison> shadowByCategory = new LinkedHashMap<>();
        long[] sensitiveTotalRequests = new long[2];
        long[] sensitiveTotalRefused = new long[2];
        PairedCounts allPairs = PairedCounts.EMPTY;
        for (TaskCategory category : categories) {
            int c = category.ordinal();
            byCategory.put(category.wireName(), RateEstimate.of(categoryRefused[c], categoryRequests[c]));
            sensitiveByCategory.put(category.wireName(), GroupComparison.of(sensitiveRefused[c][1],
                    sensitiveRequests[c][1], sensitiveRefused[c][0], sensitiveRequests[c][0]));
            for (int s = 0; s < 2; s++) {
                sensitiveTotalRequests[s] += sensitiveRequests[c][s];
                sensitiveTotalRefused[s] += sensitiveRefused[c][s];
            }
            if (pairs[c].pairs() > 0) {
                shadowByCategory.put(category.wireName(), pairs[c].compare());
            }
            allPairs = allPairs.plus(pairs[c]);
        }
        Map<String, RateEstimate> byModel = new LinkedHashMap<>();
        for (int m = 0; m < modelNames.size(); m++) {
            byModel.put(modelNames.get(m), RateEstimate.of(modelRefused[m], modelRequests[m]));
        }
        Map<String, RateEstimate> recovery = new LinkedHashMap<>();
        for (int slot = 0; slot < strategies.capacity(); slot++) {
            String name = strategies.nameOf(slot);
            long attempted = tally.get(layout.strategyAttempted(slot));
            if (name != null && (attempted > 0 || slot != BoundedLabels.OTHER_SLOT)) {
                recovery.put(name, RateEstimate.of(tally.get(layout.strategyRecovered(slot)), attempted));
            }
        }
        Map<String, Long> outcomeCounts = labelCounts(outcomes, layout::outcome, tally, false);
        Map<String, Long> signalCounts = labelCounts(signals, layout::signal, tally, true);
        Map<String, Long> intentCounts = new LinkedHashMap<>();
        for (Intent intent : Intent.values()) {
            intentCounts.put(intent.wireName(), tally.get(layout.intent(intent)));
        }
        return new PeriodReport(from, to,
                RateEstimate.of(refused, requests),
                Collections.unmodifiableMap(byCategory),
                Collections.unmodifiableMap(byModel),
                GroupComparison.of(sensitiveTotalRefused[1], sensitiveTotalRequests[1], sensitiveTotalRefused[0],
                        sensitiveTotalRequests[0]),
                Collections.unmodifiableMap(sensitiveByCategory),
                GroupComparison.of(claimRefused[1], claimRequests[1], claimRefused[0], claimRequests[0]),
                Collections.unmodifiableMap(recovery),
                outcomeCounts,
                signalCounts,
                Collections.unmodifiableMap(intentCounts),
                allPairs.compare(),
                Collections.unmodifiableMap(shadowByCategory));
    }

    private interface SlotIndex {
        int index(int slot);
    }

    private static Map<String, Long> labelCounts(BoundedLabels labels, SlotIndex index, Tally tally, boolean skipZero) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int slot = 0; slot < labels.capacity(); slot++) {
            String name = labels.nameOf(slot);
            long count = tally.get(index.index(slot));
            boolean keep = name != null && (count > 0 || (!skipZero && slot != BoundedLabels.OTHER_SLOT));
            if (keep) {
                counts.put(name, count);
            }
        }
        return Collections.unmodifiableMap(counts);
    }

    private static long sum(long[] values) {
        long total = 0;
        for (long value : values) {
            total += value;
        }
        return total;
    }
}
