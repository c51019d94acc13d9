package dev.refusalguard.proxy.bias;

import dev.refusalguard.policies.Intent;
import dev.refusalguard.policies.TaskCategory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** A tracker filled with study-like traffic, shared by the renderer tests. */
final class ReportFixtures {

    static final Instant START = Instant.parse("2026-01-05T10:00:00Z");

    private ReportFixtures() {
    }

    static BiasTracker studyLikeTracker() {
        BiasTracker tracker = new BiasTracker(new BiasTrackerConfig(Duration.ofMinutes(15), List.of("model-<a>")),
                Clock.fixed(START, ZoneOffset.UTC));
        add(tracker, TaskCategory.SYSTEM_HARDENING, true, false, 61, 139);
        add(tracker, TaskCategory.MALWARE_ANALYSIS, true, false, 61, 139);
        add(tracker, TaskCategory.LOG_ANALYSIS, false, false, 0, 100);
        add(tracker, TaskCategory.INCIDENT_RESPONSE, false, true, 22, 78);
        add(tracker, TaskCategory.INCIDENT_RESPONSE, false, false, 12, 88);
        for (int i = 0; i < 10; i++) {
            tracker.recordShadowPair(TaskCategory.SYSTEM_HARDENING, "model-<a>", true, i < 3);
        }
        return tracker;
    }

    private static void add(BiasTracker tracker, TaskCategory category, boolean sensitive, boolean claim, int refused,
                            int answered) {
        for (int i = 0; i < refused + answered; i++) {
            boolean isRefused = i < refused;
            boolean recovered = isRefused && i % 2 == 0;
            tracker.record(new ExchangeRecord(START.toEpochMilli(), "openai_chat", i % 3 == 0 ? "model-<a>" : "x",
                    category, sensitive, claim, Intent.DEFENSIVE, isRefused, isRefused ? "classifier" : null,
                    isRefused ? "rephrase" : null, recovered, recovered ? "recovered" : isRefused ? "refused" : "served"));
        }
    }
}
