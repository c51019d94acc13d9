package dev.refusalguard.proxy.bias;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Free-form labels (refusal signals, strategy names, outcomes) mapped to a fixed number of counter slots. Slot 0 is
 * {@code other}; the first {@code capacity - 1} distinct labels get their own slot, later ones share {@code other},
 * so a misbehaving caller cannot grow memory. Lookups of known labels are a single map read.
 */
final class BoundedLabels {

    static final int OTHER_SLOT = 0;
    private static final int MAX_LABEL_LENGTH = 64;

    private final int capacity;
    private final ConcurrentHashMap<String, Integer> slots = new ConcurrentHashMap<>();
    private final AtomicReferenceArray<String> names;
    private final AtomicInteger next = new AtomicInteger(1);

    BoundedLabels(int capacity, List<String> seeded) {
        if (capacity < seeded.size() + 1) {
            throw new IllegalArgumentException("capacity " + capacity + " cannot hold " + seeded.size() + " labels and other");
        }
        this.capacity = capacity;
        this.names = new AtomicReferenceArray<>(capacity);
        names.set(OTHER_SLOT, BiasTracker.OTHER);
        slots.put(BiasTracker.OTHER, OTHER_SLOT);
        for (String label : seeded) {
            slotOf(label);
        }
    }

    int capacity() {
        return capacity;
    }

    int slotOf(String rawLabel) {
        if (rawLabel == null) {
            return OTHER_SLOT;
        }
        String label = normalise(rawLabel);
        Integer slot = slots.get(label);
        if (slot != null) {
            return slot;
        }
        if (label.isEmpty() || next.get() >= capacity) {
            return OTHER_SLOT;
        }
        Integer assigned = slots.computeIfAbsent(label, key -> {
            int candidate = next.getAndIncrement();
            if (candidate >= capacity) {
                return null; // not stored: the map never holds more than capacity entries
            }
            names.set(candidate, key);
            return candidate;
        });
        return assigned == null ? OTHER_SLOT : assigned;
    }

    /** Label of a slot, or null when the slot is unused. */
    String nameOf(int slot) {
        return names.get(slot);
    }

    private static String normalise(String label) {
        String trimmed = label.trim().toLowerCase(Locale.ROOT);
        return trimmed.length() > MAX_LABEL_LENGTH ? trimmed.substring(0, MAX_LABEL_LENGTH) : trimmed;
    }
}
