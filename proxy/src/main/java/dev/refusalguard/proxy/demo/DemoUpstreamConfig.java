package dev.refusalguard.proxy.demo;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Settings of the demo upstream (the simulated safety-tuned LLM API).
 *
 * @param port            TCP port on 127.0.0.1; 0 picks a free one
 * @param seed            seed of the deterministic decisions (same request + model + seed = same answer)
 * @param chunkDelay      pause between two streamed SSE events
 * @param deltaWords      words per streamed text delta
 * @param maxRequestBytes largest accepted request body (larger gets HTTP 413 in the API's error shape)
 * @param models          model ids listed by GET /v1/models (any model id is accepted on requests)
 * @param lenientModels   model ids that refuse far less; any id containing "lenient" is lenient too
 * @param deliveryMix     how refusals are delivered
 * @param calibration     refusal-rate targets and fixed effects
 * @param compressResponses gzip/deflate answers when the client sends Accept-Encoding (streams included)
 */
public record DemoUpstreamConfig(int port,
                                 long seed,
                                 Duration chunkDelay,
                                 int deltaWords,
                                 int maxRequestBytes,
                                 List<String> models,
                                 List<String> lenientModels,
                                 RefusalDeliveryMix deliveryMix,
                                 CalibrationTargets calibration,
                                 boolean compressResponses) {

    public static final String DEFAULT_MODEL = "demo-guarded-1";
    public static final String LENIENT_MODEL = "demo-lenient-1";

    public DemoUpstreamConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("demo.port must be 0..65535, was " + port);
        }
        Objects.requireNonNull(chunkDelay, "demo.chunkDelay");
        if (chunkDelay.isNegative() || chunkDelay.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("demo.chunkDelay must be 0..10s, was " + chunkDelay);
        }
        if (deltaWords < 1 || deltaWords > 100) {
            throw new IllegalArgumentException("demo.deltaWords must be 1..100, was " + deltaWords);
        }
        if (maxRequestBytes < 1_024) {
            throw new IllegalArgumentException("demo.maxRequestBytes must be >= 1024, was " + maxRequestBytes);
        }
        Objects.requireNonNull(models, "demo.models");
        Objects.requireNonNull(lenientModels, "demo.lenientModels");
        models = List.copyOf(models);
        lenientModels = List.copyOf(lenientModels);
        if (models.isEmpty() || models.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("demo.models must list at least one non-blank model id");
        }
        Objects.requireNonNull(deliveryMix, "demo.deliveryMix");
        Objects.requireNonNull(calibration, "demo.calibration");
    }

    public static DemoUpstreamConfig defaults() {
        return new DemoUpstreamConfig(0, 42L, Duration.ofMillis(10), 3, 1 << 20,
                List.of(DEFAULT_MODEL, LENIENT_MODEL), List.of(),
                RefusalDeliveryMix.defaults(), CalibrationTargets.defaults(), false);
    }

    public DemoUpstreamConfig withPort(int newPort) {
        return new DemoUpstreamConfig(newPort, seed, chunkDelay, deltaWords, maxRequestBytes, models,
                lenientModels, deliveryMix, calibration, compressResponses);
    }

    public DemoUpstreamConfig withSeed(long newSeed) {
        return new DemoUpstreamConfig(port, newSeed, chunkDelay, deltaWords, maxRequestBytes, models,
                lenientModels, deliveryMix, calibration, compressResponses);
    }

    public DemoUpstreamConfig withChunkDelay(Duration newDelay) {
        return new DemoUpstreamConfig(port, seed, newDelay, deltaWords, maxRequestBytes, models,
                lenientModels, deliveryMix, calibration, compressResponses);
    }

    public DemoUpstreamConfig withDeliveryMix(RefusalDeliveryMix newMix) {
        return new DemoUpstreamConfig(port, seed, chunkDelay, deltaWords, maxRequestBytes, models,
                lenientModels, newMix, calibration, compressResponses);
    }

    public DemoUpstreamConfig withMaxRequestBytes(int newMax) {
        return new DemoUpstreamConfig(port, seed, chunkDelay, deltaWords, newMax, models,
                lenientModels, deliveryMix, calibration, compressResponses);
    }

    public DemoUpstreamConfig withCompressResponses(boolean compress) {
        return new DemoUpstreamConfig(port, seed, chunkDelay, deltaWords, maxRequestBytes, models,
                lenientModels, deliveryMix, calibration, compress);
    }

    /** True for configured lenient models and for any model id containing "lenient". */
    public boolean isLenient(String model) {
        return lenientModels.contains(model) || model.toLowerCase(Locale.ROOT).contains("lenient");
    }
}
