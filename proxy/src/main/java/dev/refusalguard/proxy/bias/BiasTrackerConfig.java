package dev.refusalguard.proxy.bias;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Bias tracker settings.
 *
 * @param window length of the rolling window, a whole number of minutes (kept as a ring of one-minute buckets)
 * @param models model names reported under their own name; every other model is reported as {@code other}
 */
public record BiasTrackerConfig(Duration window, List<String> models) {

    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);
    /** Longest window: one day of one-minute buckets. */
    public static final Duration MAX_WINDOW = Duration.ofDays(1);
    /** Most models with their own name (bounds memory and tag cardinality). */
    public static final int MAX_MODELS = 64;

    public BiasTrackerConfig {
        if (window == null) {
            window = DEFAULT_WINDOW;
        }
        if (window.isNegative() || window.isZero() || window.toSeconds() % 60 != 0 || window.toNanos() % 1_000_000_000L != 0) {
            throw new IllegalArgumentException("bias.window must be a positive whole number of minutes: " + window);
        }
        if (window.compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("bias.window must be at most " + MAX_WINDOW + ": " + window);
        }
        models = models == null ? List.of() : List.copyOf(models);
        if (models.size() > MAX_MODELS) {
            throw new IllegalArgumentException("bias.models has " + models.size() + " entries, at most " + MAX_MODELS);
        }
        Set<String> seen = new HashSet<>();
        for (String model : models) {
            if (model.isBlank() || model.equals(BiasTracker.OTHER)) {
                throw new IllegalArgumentException("bias.models entries must be non-blank and not '" + BiasTracker.OTHER
                        + "': '" + model + "'");
            }
            if (!seen.add(model)) {
                throw new IllegalArgumentException("bias.models lists '" + model + "' twice");
            }
        }
    }

    public static BiasTrackerConfig defaults(List<String> models) {
        return new BiasTrackerConfig(DEFAULT_WINDOW, models);
    }

    public int windowMinutes() {
        return (int) window.toMinutes();
    }
}
