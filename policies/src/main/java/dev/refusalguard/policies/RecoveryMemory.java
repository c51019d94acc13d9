package dev.refusalguard.policies;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Remembers which strategy recovered a request fingerprint, so a repeated request can skip the refused attempt and
 * go straight to what worked. Bounded (Caffeine, size and time-to-live from the policy); thread-safe.
 */
public final class RecoveryMemory {

    private final Cache<String, StrategyKind> cache;

    public RecoveryMemory(long maxEntries, Duration ttl) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("memory.max_entries: must not be negative, was " + maxEntries);
        }
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("memory.ttl: must be positive, was " + ttl);
        }
        this.cache = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(ttl).build();
    }

    /**
     * SHA-256 (hex) of the model and the request text with case and runs of whitespace normalised. The text itself
     * is never stored.
     */
    public static String fingerprint(String model, String requestText) {
        String normalised = (model == null ? "" : model.trim().toLowerCase(Locale.ROOT)) + "\u0000"
                + (requestText == null ? "" : requestText.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT));
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(normalised.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    public Optional<StrategyKind> recall(String fingerprint) {
        return Optional.ofNullable(cache.getIfPresent(fingerprint));
    }

    public void remember(String fingerprint, StrategyKind strategy) {
        cache.put(fingerprint, strategy);
    }

    /** Drops a remembered strategy that failed on a repeat. */
    public void forget(String fingerprint) {
        cache.invalidate(fingerprint);
    }

    public long estimatedSize() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
