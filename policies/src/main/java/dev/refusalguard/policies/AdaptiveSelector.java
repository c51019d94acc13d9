package dev.refusalguard.policies;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.random.RandomGenerator;

/**
 * Thompson sampling over Beta(successes + 1, failures + 1) per (model, category, strategy): each candidate's
 * success rate is drawn from its posterior and the highest draw wins, so strategies that recover more are tried
 * first while uncertain ones still get tried. With probability {@code explorationFloor} a uniformly random candidate
 * is taken instead, so nothing is starved. Lock-free: counts are {@link LongAdder}s in a {@link ConcurrentHashMap};
 * each thread draws from its own random generator (seeded deterministically per thread when a seed is given).
 */
public final class AdaptiveSelector implements StrategySelector {

    /** Keys beyond this many are folded into model "other" to bound memory. */
    public static final int MAX_KEYS = 10_000;
    public static final String OTHER_MODEL = "other";

    private final double explorationFloor;
    private final ThreadLocal<RandomGenerator> random;
    private final ConcurrentHashMap<StrategyStatsKey, Counter> counts = new ConcurrentHashMap<>();

    private static final class Counter {
        final LongAdder successes = new LongAdder();
        final LongAdder failures = new LongAdder();
    }

    /** Unseeded: uses {@link ThreadLocalRandom}. */
    public AdaptiveSelector(double explorationFloor) {
        this(explorationFloor, null);
    }

    /**
     * @param explorationFloor probability (0..0.5) of choosing a random candidate
     * @param seed             seed for reproducible draws (per thread: seed, seed+1, ... in order of first use), or null
     */
    public AdaptiveSelector(double explorationFloor, Long seed) {
        if (!(explorationFloor >= 0.0 && explorationFloor <= 0.5)) {
            throw new IllegalArgumentException("selection.exploration_floor: must be within 0..0.5, was " + explorationFloor);
        }
        this.explorationFloor = explorationFloor;
        if (seed == null) {
            this.random = ThreadLocal.withInitial(ThreadLocalRandom::current);
        } else {
            AtomicLong next = new AtomicLong(seed);
            this.random = ThreadLocal.withInitial(() -> new SplittableRandom(next.getAndIncrement()));
        }
    }

    @Override
    public Optional<StrategyKind> next(String model, TaskCategory category, Set<StrategyKind> available, Set<StrategyKind> tried) {
        List<StrategyKind> candidates = new ArrayList<>(3);
        for (StrategyKind s : StrategyKind.values()) {
            if (available.contains(s) && !tried.contains(s)) {
                candidates.add(s);
            }
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        RandomGenerator rng = random.get();
        if (candidates.size() == 1) {
            return Optional.of(candidates.get(0));
        }
        if (explorationFloor > 0 && rng.nextDouble() < explorationFloor) {
            return Optional.of(candidates.get(rng.nextInt(candidates.size())));
        }
        StrategyKind best = null;
        double bestDraw = -1;
        for (StrategyKind s : candidates) {
            StrategyCounts c = counts(model, category, s);
            double draw = BetaSampler.sample(c.successes() + 1.0, c.failures() + 1.0, rng);
            if (draw > bestDraw) {
                bestDraw = draw;
                best = s;
            }
        }
        return Optional.of(best);
    }

    @Override
    public void recordOutcome(String model, TaskCategory category, StrategyKind strategy, boolean recovered) {
        Counter c = counter(key(model, category, strategy));
        (recovered ? c.successes : c.failures).increment();
    }

    /** Current counts of one key (zeros when never seen). */
    public StrategyCounts counts(String model, TaskCategory category, StrategyKind strategy) {
        Counter c = counts.get(new StrategyStatsKey(boundedModel(model), category, strategy));
        return c == null ? new StrategyCounts(0, 0) : new StrategyCounts(c.successes.sum(), c.failures.sum());
    }

    /** A consistent-enough copy of every count (each key read atomically per field), sorted for stable output. */
    public Map<StrategyStatsKey, StrategyCounts> snapshot() {
        Map<StrategyStatsKey, StrategyCounts> copy = new TreeMap<>(
                java.util.Comparator.comparing(StrategyStatsKey::model)
                        .thenComparing(StrategyStatsKey::category)
                        .thenComparing(StrategyStatsKey::strategy));
        counts.forEach((k, v) -> copy.put(k, new StrategyCounts(v.successes.sum(), v.failures.sum())));
        return copy;
    }

    /** Adds previously saved counts (used at start-up). */
    public void restore(Map<StrategyStatsKey, StrategyCounts> saved) {
        saved.forEach((k, v) -> {
            Counter c = counter(key(k.model(), k.category(), k.strategy()));
            c.successes.add(v.successes());
            c.failures.add(v.failures());
        });
    }

    public double explorationFloor() {
        return explorationFloor;
    }

    private Counter counter(StrategyStatsKey key) {
        Counter c = counts.get(key);
        if (c != null) {
            return c;
        }
        if (counts.size() >= MAX_KEYS) {
            key = new StrategyStatsKey(OTHER_MODEL, key.category(), key.strategy());
        }
        return counts.computeIfAbsent(key, k -> new Counter());
    }

    private static StrategyStatsKey key(String model, TaskCategory category, StrategyKind strategy) {
        return new StrategyStatsKey(boundedModel(model), category, strategy);
    }

    private static String boundedModel(String model) {
        return model == null || model.isBlank() ? OTHER_MODEL : model;
    }
}
