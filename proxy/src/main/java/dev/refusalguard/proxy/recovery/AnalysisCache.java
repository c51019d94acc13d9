package dev.refusalguard.proxy.recovery;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.refusalguard.policies.RequestAnalysis;

import java.util.Objects;

/**
 * Remembers request analyses by exact request text, per policy snapshot. An agent in a tool loop re-sends the same
 * last user message (and system prompt) on every step while it appends assistant and tool messages, and each step
 * would otherwise pay the whole analysis again (tens of microseconds of CPU, more for long pasted logs).
 *
 * <p>Keys hold the texts themselves, never a hash, so a lookup can only return the analysis of an identical text
 * (a hash collision could hand an offensive request a defensive verdict): the last user message, and the system
 * prompt only when the policy's analysis reads it. The keys' hash reads a fixed sample of each text
 * ({@link SampledTextHash}), so a look-up on the event loop costs the same for a 16 K-char tool result as for a short
 * prompt, plus one full compare on a hit. The policy snapshot's {@link RequestPolicy#generation()} is part
 * of the key (not the snapshot itself, which could then never be collected): after a policy reload, requests
 * analyse afresh and the old entries age out. Bounded by the total characters of the cached texts (Caffeine's
 * size-based eviction, {@code server.analysisCacheChars}); a text longer than a sixteenth of the bound is analysed
 * without being cached. Thread-safe.
 */
public final class AnalysisCache {

    /** Per-entry weight on top of the texts' characters (key, value and map overhead, roughly). */
    private static final int ENTRY_OVERHEAD_CHARS = 64;
    /**
     * Longest texts {@link #peek} looks up (on an event loop): a hit compares them in full with the cached key (a
     * vectorised compare, well under a microsecond for 16 K chars; the key's hash reads only a sample).
     */
    static final int PEEK_MAX_CHARS = 16 * 1024;

    private final Cache<Key, RequestAnalysis> cache;
    private final long maxTextChars;
    private final Lookups lookups;

    /** Told about every lookup (the proxy counts them in its metrics). */
    public interface Lookups {
        void lookup(boolean hit);
    }

    /** {@code maxChars} 0 disables the cache (every request is analysed). */
    public AnalysisCache(long maxChars, Lookups lookups) {
        if (maxChars < 0) {
            throw new IllegalArgumentException("maxChars: must not be negative, was " + maxChars);
        }
        this.lookups = lookups;
        this.maxTextChars = maxChars / 16;
        this.cache = maxChars == 0 ? null : Caffeine.newBuilder()
                .maximumWeight(maxChars)
                .weigher((Key k, RequestAnalysis v) -> weight(k))
                .build();
    }

    /** The analysis of {@code lastUserText} (with {@code systemText}) under {@code policy}, from the cache if known. */
    public RequestAnalysis analyze(RequestPolicy policy, String systemText, String lastUserText) {
        String system = policy.analysisReadsSystemText() ? systemText : null;
        if (cache == null || chars(system) + chars(lastUserText) > maxTextChars) {
            return policy.analyze(systemText, lastUserText);
        }
        Key key = new Key(policy.generation(), system, lastUserText);
        RequestAnalysis known = cache.getIfPresent(key);
        lookups.lookup(known != null);
        if (known != null) {
            return known;
        }
        // Computed outside the map: a slow analysis never holds a lock other lookups wait on. Two threads missing the
        // same text at once both analyse it; the analysis is deterministic, so either result is the same.
        RequestAnalysis fresh = policy.analyze(systemText, lastUserText);
        cache.put(key, fresh);
        return fresh;
    }

    /**
     * The cached analysis, or null (not cached, cache off, or texts over {@link #PEEK_MAX_CHARS}): cheap and
     * non-blocking (one hash of the texts and a lock-free read), so an event loop may ask before handing the
     * analysis to the inference executor. Counts only hits; a miss is counted by the {@link #analyze} that follows.
     */
    public RequestAnalysis peek(RequestPolicy policy, String systemText, String lastUserText) {
        String system = policy.analysisReadsSystemText() ? systemText : null;
        if (cache == null || chars(system) + chars(lastUserText) > Math.min(PEEK_MAX_CHARS, maxTextChars)) {
            return null;
        }
        RequestAnalysis known = cache.getIfPresent(new Key(policy.generation(), system, lastUserText));
        if (known != null) {
            lookups.lookup(true);
        }
        return known;
    }

    /** Entries held now (approximate). */
    public long size() {
        if (cache == null) {
            return 0;
        }
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private static int weight(Key k) {
        long w = (long) chars(k.systemText) + chars(k.lastUserText) + ENTRY_OVERHEAD_CHARS;
        return (int) Math.min(Integer.MAX_VALUE, w);
    }

    private static int chars(String s) {
        return s == null ? 0 : s.length();
    }

    /**
     * {@code systemText} is null when the policy's analysis does not read it. Equal only to a key with identical
     * texts; the hash reads a bounded sample of them ({@link SampledTextHash}), so keys of texts that differ only where
     * it does not look share a hash, and the ordering (the map's way through many keys of one hash) keeps such a
     * look-up to a few comparisons.
     */
    static final class Key implements Comparable<Key> {
        private final long generation;
        private final String systemText;
        private final String lastUserText;
        private final int hash;

        Key(long generation, String systemText, String lastUserText) {
            this.generation = generation;
            this.systemText = systemText;
            this.lastUserText = lastUserText;
            this.hash = 31 * (31 * Long.hashCode(generation) + SampledTextHash.of(systemText))
                    + SampledTextHash.of(lastUserText);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && generation == k.generation && hash == k.hash
                    && Objects.equals(systemText, k.systemText) && lastUserText.equals(k.lastUserText);
        }

        @Override
        public int compareTo(Key k) {
            int c = Long.compare(generation, k.generation);
            if (c == 0) {
                c = systemText == null ? (k.systemText == null ? 0 : -1)
                        : k.systemText == null ? 1 : systemText.compareTo(k.systemText);
            }
            return c != 0 ? c : lastUserText.compareTo(k.lastUserText);
        }
    }
}
