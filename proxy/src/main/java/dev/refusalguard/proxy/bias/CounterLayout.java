package dev.refusalguard.proxy.bias;

import dev.refusalguard.policies.Intent;
import dev.refusalguard.policies.TaskCategory;

/**
 * Where each counter lives in a flat array. One layout serves the live counters ({@link CounterBlock}) and the plain
 * sums taken from them ({@link Tally}), so neither needs maps or per-record allocation.
 *
 * <p>Request cells are indexed by (category, model slot, sensitive, authorization claim); each holds a request count
 * and a first-attempt refusal count. Shadow cells are indexed by (category, model slot, original refused, twin
 * refused).
 */
final class CounterLayout {

    static final int CATEGORIES = TaskCategory.values().length;
    static final int INTENTS = Intent.values().length;

    final int modelSlots;
    final int signalSlots;
    final int strategySlots;
    final int outcomeSlots;

    private final int cells;
    private final int requestsBase;
    private final int refusedBase;
    private final int signalBase;
    private final int strategyAttemptedBase;
    private final int strategyRecoveredBase;
    private final int outcomeBase;
    private final int intentBase;
    private final int shadowBase;
    private final int size;

    CounterLayout(int modelSlots, int signalSlots, int strategySlots, int outcomeSlots) {
        this.modelSlots = modelSlots;
        this.signalSlots = signalSlots;
        this.strategySlots = strategySlots;
        this.outcomeSlots = outcomeSlots;
        this.cells = CATEGORIES * modelSlots * 4;
        this.requestsBase = 0;
        this.refusedBase = requestsBase + cells;
        this.signalBase = refusedBase + cells;
        this.strategyAttemptedBase = signalBase + signalSlots;
        this.strategyRecoveredBase = strategyAttemptedBase + strategySlots;
        this.outcomeBase = strategyRecoveredBase + strategySlots;
        this.intentBase = outcomeBase + outcomeSlots;
        this.shadowBase = intentBase + INTENTS;
        this.size = shadowBase + cells;
    }

    int size() {
        return size;
    }

    static int cell(int category, int modelSlot, int modelSlots, boolean first, boolean second) {
        return ((category * modelSlots + modelSlot) * 2 + (first ? 1 : 0)) * 2 + (second ? 1 : 0);
    }

    int cell(int category, int modelSlot, boolean first, boolean second) {
        return cell(category, modelSlot, modelSlots, first, second);
    }

    int cellCount() {
        return cells;
    }

    int requests(int cell) {
        return requestsBase + cell;
    }

    int refused(int cell) {
        return refusedBase + cell;
    }

    int signal(int slot) {
        return signalBase + slot;
    }

    int strategyAttempted(int slot) {
        return strategyAttemptedBase + slot;
    }

    int strategyRecovered(int slot) {
        return strategyRecoveredBase + slot;
    }

    int outcome(int slot) {
        return outcomeBase + slot;
    }

    int intent(Intent intent) {
        return intentBase + intent.ordinal();
    }

    int shadow(int cell) {
        return shadowBase + cell;
    }

    /** Decodes a cell index back to its dimensions: {category, model slot, first flag, second flag}. */
    int[] decode(int cell) {
        int second = cell & 1;
        int first = (cell >> 1) & 1;
        int rest = cell >> 2;
        return new int[] {rest / modelSlots, rest % modelSlots, first, second};
    }
}
