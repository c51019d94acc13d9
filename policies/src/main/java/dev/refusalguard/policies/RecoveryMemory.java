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
     * is never stored. Normalisation: {@link String#strip()}, each run of ASCII whitespace (space, tab, line feed,
     * vertical tab, form feed, carriage return: what {@code \\s} matches) collapsed to one space, lower case in
     * {@link Locale#ROOT}.
     */
    public static String fingerprint(String model, String requestText) {
        String normalised = (model == null ? "" : model.trim().toLowerCase(Locale.ROOT)) + "\u0000"
                + (requestText == null ? "" : collapseWhitespace(requestText.strip()).toLowerCase(Locale.ROOT));
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(normalised.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** {@code text.replaceAll("\\s+", " ")} without compiling an expression per call. */
    static String collapseWhitespace(String text) {
        int n = text.length();
        StringBuilder out = null;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (!isRegexSpace(c)) {
                if (out != null) {
                    out.append(c);
                }
                i++;
                continue;
            }
            int end = i + 1;
            while (end < n && isRegexSpace(text.charAt(end))) {
                end++;
            }
            if (out == null && !(end - i == 1 && c == ' ')) {
                out = new StringBuilder(n).append(text, 0, i);
            }
            if (out != null) {
                out.append(' ');
            }
            i = end;
        }
        return out == null ? text : out.toString();
    }

    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** Whether nothing is remembered (a request then needs no fingerprint to look up). */
    public boolean isEmpty() {
        return cache.estimatedSize() == 0;
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
