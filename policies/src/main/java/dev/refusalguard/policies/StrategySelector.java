package dev.refusalguard.policies;

import java.util.Optional;
import java.util.Set;

/** Picks the next recovery strategy for a refused request and learns from outcomes. Implementations are thread-safe. */
public interface StrategySelector {

    /**
     * The next strategy to try.
     *
     * @param model     the requested model (a configured name or "other": keep this bounded)
     * @param category  the request's task category
     * @param available strategies usable for this request (e.g. REROUTE only with a fallback model configured)
     * @param tried     strategies already tried for this request
     * @return the strategy, or empty when none is left
     */
    Optional<StrategyKind> next(String model, TaskCategory category, Set<StrategyKind> available, Set<StrategyKind> tried);

    /** Records whether {@code strategy} recovered a refused request of this model and category. */
    void recordOutcome(String model, TaskCategory category, StrategyKind strategy, boolean recovered);
}
