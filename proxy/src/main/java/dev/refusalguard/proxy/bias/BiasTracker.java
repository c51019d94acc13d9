package dev.refusalguard.proxy.bias;

import dev.refusalguard.policies.StrategyKind;
import dev.refusalguard.policies.TaskCategory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Counts refusals by category, model, sensitive wording and authorization claims, since start and over a rolling
 * window, and turns the counts into a {@link BiasReport} with intervals and tests.
 *
 * <p>Thread-safe without locks: every count is an atomic increment in a fixed-size array ({@link CounterBlock}).
 * The window is a ring of one-minute blocks; a record for a newer minute swaps the stale block out with one
 * compare-and-set. Memory is fixed at construction: model names outside the configuration count as {@code other},
 * and free-form labels (signals, strategies, outcomes) are capped ({@link BoundedLabels}).
 */
public final class BiasTracker {

    /** Label for everything outside the configured or capped sets. */
    public static final String OTHER = "other";

    static final int SIGNAL_SLOTS = 16;
    static final int STRATEGY_SLOTS = 8;
    static final int OUTCOME_SLOTS = 8;
    private static final long BUCKET_MILLIS = 60_000L;

    private final BiasTrackerConfig config;
    private final Clock clock;
    private final Instant startedAt;
    private final Map<String, Integer> modelSlots;
    private final List<String> modelNames;
    private final BoundedLabels signals;
    private final BoundedLabels strategies;
    private final BoundedLabels outcomes;
    private final CounterLayout layout;
    private final CounterBlock totals;
    private final AtomicReferenceArray<Bucket> ring;

    /** One minute of counts. */
    private record Bucket(long minute, CounterBlock counts) {
    }

    public BiasTracker(BiasTrackerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.startedAt = clock.instant();
        Map<String, Integer> slots = new HashMap<>();
        List<String> names = new ArrayList<>(config.models());
        for (int i = 0; i < names.size(); i++) {
            slots.put(names.get(i), i);
        }
        names.add(OTHER);
        this.modelSlots = Map.copyOf(slots);
        this.modelNames = List.copyOf(names);
        this.signals = new BoundedLabels(SIGNAL_SLOTS, List.of());
        List<String> strategyNames = new ArrayList<>();
        for (StrategyKind kind : StrategyKind.values()) {
            strategyNames.add(kind.wireName());
        }
        this.strategies = new BoundedLabels(STRATEGY_SLOTS, strategyNames);
        this.outcomes = new BoundedLabels(OUTCOME_SLOTS,
                List.of("served", "recovered", "refused", "blocked_by_intent", "error", "client_closed"));
        this.layout = new CounterLayout(modelNames.size(), SIGNAL_SLOTS, STRATEGY_SLOTS, OUTCOME_SLOTS);
        this.totals = new CounterBlock(layout);
        this.ring = new AtomicReferenceArray<>(config.windowMinutes());
    }

    public BiasTrackerConfig config() {
        return config;
    }

    /** The bounded model label this tracker (and the metrics) use: the configured name or {@code other}. */
    public String modelLabel(String model) {
        return modelNames.get(modelSlot(model));
    }

    /** Counts one finished exchange. Safe to call from any thread. */
    public void record(ExchangeRecord exchange) {
        int cell = layout.cell(exchange.category().ordinal(), modelSlot(exchange.model()), exchange.sensitive(),
                exchange.authorizationClaim());
        int signal = exchange.firstAttemptRefused() ? signals.slotOf(exchange.refusalSignal()) : -1;
        int strategy = exchange.recoveryStrategy() == null ? -1 : strategies.slotOf(exchange.recoveryStrategy());
        int outcome = outcomes.slotOf(exchange.outcome());
        apply(totals, exchange, cell, signal, strategy, outcome);
        CounterBlock bucket = bucketFor(exchange.epochMillis());
        if (bucket != null) {
            apply(bucket, exchange, cell, signal, strategy, outcome);
        }
    }

    /**
     * Counts one shadow-probe pair: a live request and its neutral-rephrased twin sent in the background.
     * Safe to call from any thread; placed in the window at the clock's current minute.
     */
    public void recordShadowPair(TaskCategory category, String model, boolean originalRefused, boolean neutralTwinRefused) {
        int index = layout.shadow(layout.cell(category.ordinal(), modelSlot(model), originalRefused, neutralTwinRefused));
        totals.increment(index);
        CounterBlock bucket = bucketFor(clock.millis());
        if (bucket != null) {
            bucket.increment(index);
        }
    }

    /** The report at {@code now}: the window covers the minute of {@code now} and the minutes before it. */
    public BiasReport snapshot(Instant now) {
        long nowMinute = Math.floorDiv(now.toEpochMilli(), BUCKET_MILLIS);
        int length = ring.length();
        Tally windowTally = new Tally(layout);
        for (int i = 0; i < length; i++) {
            Bucket bucket = ring.get(i);
            if (bucket != null && bucket.minute() > nowMinute - length && bucket.minute() <= nowMinute) {
                bucket.counts().addTo(windowTally);
            }
        }
        Tally totalTally = new Tally(layout);
        totals.addTo(totalTally);
        Instant windowStart = Instant.ofEpochMilli((nowMinute - length + 1) * BUCKET_MILLIS);
        if (windowStart.isBefore(startedAt)) {
            windowStart = startedAt;
        }
        BiasReportBuilder builder = new BiasReportBuilder(layout, modelNames, signals, strategies, outcomes);
        return new BiasReport(now, startedAt, config.window(),
                builder.period(windowTally, windowStart, now),
                builder.period(totalTally, startedAt, now));
    }

    /** The report at the clock's current time. */
    public BiasReport snapshot() {
        return snapshot(clock.instant());
    }

    private int modelSlot(String model) {
        if (model == null) {
            return modelNames.size() - 1;
        }
        Integer slot = modelSlots.get(model);
        return slot == null ? modelNames.size() - 1 : slot;
    }

    private void apply(CounterBlock block, ExchangeRecord exchange, int cell, int signal, int strategy, int outcome) {
        // Requests without a verdict count in the outcomes only: in a rate's denominator they would dilute it.
        if (exchange.judged()) {
            block.increment(layout.requests(cell));
        }
        if (exchange.firstAttemptRefused()) {
            block.increment(layout.refused(cell));
            block.increment(layout.signal(signal));
        }
        // A strategy whose attempt the agent's disconnect cut short has no result: no recovery rate counts it.
        if (strategy >= 0 && !"client_closed".equals(exchange.outcome())) {
            block.increment(layout.strategyAttempted(strategy));
            if (exchange.recovered()) {
                block.increment(layout.strategyRecovered(strategy));
            }
        }
        block.increment(layout.outcome(outcome));
        block.increment(layout.intent(exchange.intent()));
    }

    /**
     * The block for the minute of {@code epochMillis}, replacing a stale one in its ring slot; null when that
     * minute is already older than the block in the slot (a late record counts only in the totals).
     */
    private CounterBlock bucketFor(long epochMillis) {
        long minute = Math.floorDiv(epochMillis, BUCKET_MILLIS);
        int slot = (int) Math.floorMod(minute, (long) ring.length());
        while (true) {
            Bucket current = ring.get(slot);
            if (current != null && current.minute() == minute) {
                return current.counts();
            }
            if (current != null && current.minute() > minute) {
                return null;
            }
            Bucket fresh = new Bucket(minute, new CounterBlock(layout));
            if (ring.compareAndSet(slot, current, fresh)) {
                return fresh.counts();
            }
        }
    }
}
