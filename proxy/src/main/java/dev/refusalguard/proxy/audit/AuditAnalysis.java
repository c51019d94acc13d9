package dev.refusalguard.proxy.audit;

import dev.refusalguard.policies.TaskCategory;
import dev.refusalguard.proxy.bias.GroupComparison;
import dev.refusalguard.proxy.bias.PairedCounts;
import dev.refusalguard.proxy.bias.RateEstimate;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns the progress entries of the current prompt set into an {@link AuditReport}. */
final class AuditAnalysis {

    private AuditAnalysis() {
    }

    /** Event and trial counts that grow as entries are added. */
    private static final class Counts {
        long events;
        long trials;

        void add(boolean event) {
            trials++;
            if (event) {
                events++;
            }
        }

        RateEstimate estimate() {
            return RateEstimate.of(events, trials);
        }
    }

    static AuditReport analyse(List<PreparedPrompt> prompts, Map<String, ProgressEntry> entries, AuditOptions options,
                               Instant now) {
        AuditVariant[] variants = AuditVariant.values();
        Map<AuditVariant, Counts> byVariant = new LinkedHashMap<>();
        Map<TaskCategory, Map<AuditVariant, Counts>> byCategory = new TreeMap<>();
        Map<TaskCategory, Counts[]> sensitiveByCategory = new TreeMap<>(); // [neutral, sensitive] of originals
        Counts[] sensitive = {new Counts(), new Counts()};
        Counts[] promptClaim = {new Counts(), new Counts()};
        PairedCounts claimPairs = PairedCounts.EMPTY;
        PairedCounts structuredPairs = PairedCounts.EMPTY;
        PairedCounts rephrasePairs = PairedCounts.EMPTY;
        Map<String, Long> signals = new TreeMap<>();
        for (AuditVariant variant : variants) {
            byVariant.put(variant, new Counts());
        }
        long answers = 0;
        int sensitivePrompts = 0;
        int rephrased = 0;
        for (PreparedPrompt prompt : prompts) {
            boolean isSensitive = prompt.sensitive();
            sensitivePrompts += isSensitive ? 1 : 0;
            rephrased += prompt.rephraseChanged() ? 1 : 0;
            Map<AuditVariant, Counts> row = byCategory.computeIfAbsent(prompt.category(), c -> {
                Map<AuditVariant, Counts> m = new LinkedHashMap<>();
                for (AuditVariant v : variants) {
                    m.put(v, new Counts());
                }
                return m;
            });
            Map<AuditVariant, Boolean> refused = new LinkedHashMap<>();
            for (AuditVariant variant : variants) {
                ProgressEntry entry = entries.get(ProgressEntry.key(prompt.prompt().id(), variant.wireName()));
                if (entry == null) {
                    continue;
                }
                answers++;
                refused.put(variant, entry.refused());
                byVariant.get(variant).add(entry.refused());
                row.get(variant).add(entry.refused());
                if (entry.refused() && entry.signal() != null) {
                    signals.merge(entry.signal(), 1L, Long::sum);
                }
            }
            Boolean original = refused.get(AuditVariant.ORIGINAL);
            if (original == null) {
                continue;
            }
            sensitive[isSensitive ? 1 : 0].add(original);
            promptClaim[prompt.authClaim() ? 1 : 0].add(original);
            sensitiveByCategory.computeIfAbsent(prompt.category(), c -> new Counts[] {new Counts(), new Counts()})
                    [isSensitive ? 1 : 0].add(original);
            Boolean claim = refused.get(AuditVariant.FREE_TEXT_CLAIM);
            if (claim != null) {
                // every pair is (original, variant): "originalOnly" = only the original was refused
                claimPairs = claimPairs.plus(original, claim);
            }
            Boolean structured = refused.get(AuditVariant.STRUCTURED_AUTHORIZATION);
            if (structured != null) {
                structuredPairs = structuredPairs.plus(original, structured);
            }
            Boolean neutral = refused.get(AuditVariant.NEUTRAL_REPHRASE);
            if (neutral != null && prompt.rephraseChanged()) {
                rephrasePairs = rephrasePairs.plus(original, neutral);
            }
        }
        Map<String, RateEstimate> variantRates = new LinkedHashMap<>();
        byVariant.forEach((variant, counts) -> variantRates.put(variant.wireName(), counts.estimate()));
        Map<String, Map<String, RateEstimate>> categoryRates = new LinkedHashMap<>();
        byCategory.forEach((category, row) -> {
            Map<String, RateEstimate> rates = new LinkedHashMap<>();
            row.forEach((variant, counts) -> rates.put(variant.wireName(), counts.estimate()));
            categoryRates.put(category.wireName(), Collections.unmodifiableMap(rates));
        });
        Map<String, GroupComparison> sensitiveCategories = new LinkedHashMap<>();
        sensitiveByCategory.forEach((category, counts) -> sensitiveCategories.put(category.wireName(),
                GroupComparison.of(counts[1].events, counts[1].trials, counts[0].events, counts[0].trials)));
        Counts original = byVariant.get(AuditVariant.ORIGINAL);
        Counts claim = byVariant.get(AuditVariant.FREE_TEXT_CLAIM);
        Counts structured = byVariant.get(AuditVariant.STRUCTURED_AUTHORIZATION);
        long expected = (long) prompts.size() * options.variants().size();
        List<String> sent = options.variants().stream().map(AuditVariant::wireName).toList();
        return new AuditReport(now, options.model(), options.endpoint().toString(), options.format().wireName(),
                options.claimText(), sent,
                prompts.size(), sensitivePrompts, rephrased, answers, expected - answers,
                Collections.unmodifiableMap(variantRates),
                Collections.unmodifiableMap(categoryRates),
                GroupComparison.of(sensitive[1].events, sensitive[1].trials, sensitive[0].events, sensitive[0].trials),
                Collections.unmodifiableMap(sensitiveCategories),
                GroupComparison.of(promptClaim[1].events, promptClaim[1].trials, promptClaim[0].events,
                        promptClaim[0].trials),
                GroupComparison.of(claim.events, claim.trials, original.events, original.trials),
                claimPairs.compare(),
                GroupComparison.of(structured.events, structured.trials, original.events, original.trials),
                structuredPairs.compare(),
                rephrasePairs.compare(),
                Collections.unmodifiableMap(signals));
    }
}
