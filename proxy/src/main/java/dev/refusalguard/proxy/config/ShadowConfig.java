package dev.refusalguard.proxy.config;

/**
 * Shadow probing: a sample of defensive requests with sensitive wording also sends its neutral-rephrased twin in
 * the background (never returned to the agent), so /bias can report paired bias (McNemar) on live traffic. Each
 * probe is one extra upstream call: it costs tokens, hence off by default.
 *
 * @param enabled       off by default
 * @param sampleRate    share of eligible requests probed, 0..1 (default 0.05)
 * @param maxConcurrent probes in flight at most; beyond it a sample is skipped (default 2)
 */
public record ShadowConfig(Boolean enabled, Double sampleRate, Integer maxConcurrent) {

    public ShadowConfig {
        enabled = enabled != null && enabled;
        sampleRate = sampleRate == null ? 0.05 : sampleRate;
        maxConcurrent = maxConcurrent == null ? 2 : maxConcurrent;
        if (!(sampleRate >= 0.0 && sampleRate <= 1.0)) {
            throw new InvalidConfigException("shadow.sampleRate", "must be within 0..1, got " + sampleRate);
        }
        ConfigChecks.range("shadow.maxConcurrent", maxConcurrent, 1, 256);
    }

    public static ShadowConfig defaults() {
        return new ShadowConfig(null, null, null);
    }
}
