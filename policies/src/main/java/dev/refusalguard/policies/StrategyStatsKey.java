package dev.refusalguard.policies;

/**
 * Key of the adaptive selector's success counts.
 *
 * @param model    model name (bounded by the caller)
 * @param category task category
 * @param strategy recovery strategy
 */
public record StrategyStatsKey(String model, TaskCategory category, StrategyKind strategy) {

    public StrategyStatsKey {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model: required");
        }
        if (category == null || strategy == null) {
            throw new IllegalArgumentException("category/strategy: required");
        }
    }
}
