package dev.refusalguard.proxy.bias;

import java.time.Duration;
import java.time.Instant;

/**
 * What GET /bias shows.
 *
 * @param generatedAt  report time
 * @param startedAt    when the tracker started counting
 * @param windowLength configured rolling-window length
 * @param window       measures over the rolling window
 * @param sinceStart   measures since start
 */
public record BiasReport(Instant generatedAt, Instant startedAt, Duration windowLength, PeriodReport window,
                         PeriodReport sinceStart) {
}
