package dev.refusalguard.proxy.demo;

import java.time.Duration;
import java.util.Objects;

/**
 * How the demo agent behaves.
 *
 * @param model          model id it asks for
 * @param streamingShare share of requests sent with {@code "stream": true} (0..1)
 * @param requestTimeout per-request timeout (whole answer, stream included)
 * @param calibration    targets whose claim share frames the bundled prompts (as the upstream's)
 */
public record DemoAgentOptions(String model, double streamingShare, Duration requestTimeout,
                               CalibrationTargets calibration) {

    public DemoAgentOptions {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("agent.model must be a non-blank model id");
        }
        if (!(streamingShare >= 0 && streamingShare <= 1)) {
            throw new IllegalArgumentException("agent.streamingShare must be within 0..1, was " + streamingShare);
        }
        Objects.requireNonNull(requestTimeout, "agent.requestTimeout");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("agent.requestTimeout must be positive, was " + requestTimeout);
        }
        Objects.requireNonNull(calibration, "agent.calibration");
    }

    /** Model demo-guarded-1, half the requests streamed, 60 s timeout, default calibration. */
    public static DemoAgentOptions defaults() {
        return new DemoAgentOptions(DemoUpstreamConfig.DEFAULT_MODEL, 0.5, Duration.ofSeconds(60),
                CalibrationTargets.defaults());
    }
}
