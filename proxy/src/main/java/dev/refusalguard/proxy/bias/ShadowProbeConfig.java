package dev.refusalguard.proxy.bias;

/**
 * Shadow probing: for a sample of defensive requests with sensitive wording, the proxy also sends the
 * neutral-rephrased twin in the background (never returned to the agent) and records the pair.
 *
 * @param enabled        off by default: probing doubles upstream cost for the sampled requests
 * @param sampleRate     fraction of eligible requests probed, 0..1
 * @param maxConcurrent  most probes in flight at once; eligible requests beyond it are skipped, never queued
 */
public record ShadowProbeConfig(boolean enabled, double sampleRate, int maxConcurrent) {

    public static final double DEFAULT_SAMPLE_RATE = 0.05;
    public static final int DEFAULT_MAX_CONCURRENT = 2;
    public static final int MAX_CONCURRENT_LIMIT = 256;

    public ShadowProbeConfig {
        if (!(sampleRate >= 0.0 && sampleRate <= 1.0)) {
            throw new IllegalArgumentException("shadow.sampleRate must be in [0,1]: " + sampleRate);
        }
        if (maxConcurrent < 1 || maxConcurrent > MAX_CONCURRENT_LIMIT) {
            throw new IllegalArgumentException("shadow.maxConcurrent must be in [1," + MAX_CONCURRENT_LIMIT + "]: "
                    + maxConcurrent);
        }
    }

    /** Disabled, 5% sample, 2 in flight. */
    public static ShadowProbeConfig defaults() {
        return new ShadowProbeConfig(false, DEFAULT_SAMPLE_RATE, DEFAULT_MAX_CONCURRENT);
    }
}
