package dev.refusalguard.proxy.config;

import java.time.Duration;

/**
 * The streaming refusal window: opening SSE events are held until the classifier decides, bounded by
 * answer characters, held bytes and time. When a bound is hit undecided, the window releases (the answer is
 * treated as not a refusal and re-checked when it ends: a late refusal is recorded).
 *
 * @param maxChars     answer characters after which the window releases undecided (default 256)
 * @param maxHeldBytes raw SSE bytes held at most (default 262144)
 * @param maxWait      longest hold from the first upstream byte (default 3s)
 */
public record StreamWindowConfig(Integer maxChars, Integer maxHeldBytes, Duration maxWait) {

    public StreamWindowConfig {
        maxChars = maxChars == null ? 256 : maxChars;
        maxHeldBytes = maxHeldBytes == null ? 256 * 1024 : maxHeldBytes;
        maxWait = maxWait == null ? Duration.ofSeconds(3) : maxWait;
        ConfigChecks.range("streamWindow.maxChars", maxChars, 1, 1_000_000);
        ConfigChecks.range("streamWindow.maxHeldBytes", maxHeldBytes, 1024, 64 * 1024 * 1024);
        ConfigChecks.positive("streamWindow.maxWait", maxWait);
    }

    public static StreamWindowConfig defaults() {
        return new StreamWindowConfig(null, null, null);
    }
}
