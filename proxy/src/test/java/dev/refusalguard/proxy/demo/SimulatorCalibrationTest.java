package dev.refusalguard.proxy.demo;

import dev.refusalguard.policies.TaskCategory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Measures the simulated model's refusal marginals over the bundled demo requests (real decisions, hashed
 * draws, 40 seeds so sampling noise is small) and checks them against the study's figures.
 */
class SimulatorCalibrationTest {

    private static final int SEEDS = 40;
    private static final List<Outcome> OUTCOMES = new ArrayList<>();

    record Outcome(DemoRequest request, RequestFeatures features, boolean refused) {
    }

    @BeforeAll
    static void decideEveryBundledRequestUnderManySeeds() {
        DemoUpstreamConfig base = DemoUpstreamConfig.defaults();
        SimulatedModel model = SimulatedModel.calibrated(base);
        List<DemoRequest> requests = DemoRequests.bundled(base.calibration());
        RefusalTexts texts = RefusalTexts.bundled();
        for (int seed = 1; seed <= SEEDS; seed++) {
            SimulatedModel seeded = new SimulatedModel(base.withSeed(seed), model.refusalModel(), texts);
            for (int i = 0; i < requests.size(); i++) {
                DemoRequest r = requests.get(i);
                SimulatedDecision d = seeded.decide(DemoUpstreamConfig.DEFAULT_MODEL, r.systemText(), r.userText(),
                        r.features());
                OUTCOMES.add(new Outcome(r, d.features(), d.refusal()));
            }
        }
    }

    private static double rate(Predicate<Outcome> group) {
        List<Outcome> in = OUTCOMES.stream().filter(o -> !o.features().offensive()).filter(group).toList();
        assertThat(in).as("group must not be empty").isNotEmpty();
        return (double) in.stream().filter(Outcome::refused).count() / in.size();
    }

    @Test
    void sensitiveAndNeutralRatesMatchTheStudy() {
        double sensitive = rate(o -> o.features().sensitive());
        double neutral = rate(o -> !o.features().sensitive());
        System.out.printf(Locale.ROOT, "sensitive %.3f neutral %.3f ratio %.2f%n", sensitive, neutral, sensitive / neutral);
        assertThat(sensitive).isCloseTo(0.305, within(0.02));
        assertThat(neutral).isCloseTo(0.112, within(0.015));
        assertThat(sensitive / neutral).isCloseTo(2.72, within(0.35));
    }

    @Test
    void freeTextAuthorizationClaimRaisesRefusalsLikeTheStudy() {
        double claim = rate(o -> o.features().authorizationClaim());
        double noClaim = rate(o -> !o.features().authorizationClaim());
        System.out.printf(Locale.ROOT, "claim %.3f no claim %.3f%n", claim, noClaim);
        assertThat(claim).isCloseTo(0.218, within(0.02));
        assertThat(noClaim).isCloseTo(0.116, within(0.015));
    }

    @Test
    void categoryRatesMatchTheStudy() {
        for (TaskCategory c : TaskCategory.values()) {
            System.out.printf(Locale.ROOT, "%s %.3f (n=%d)%n", c.wireName(), rate(o -> o.features().category() == c),
                    OUTCOMES.stream().filter(o -> o.features().category() == c).count() / SEEDS);
        }
        assertThat(rate(o -> o.features().category() == TaskCategory.SYSTEM_HARDENING)).isCloseTo(0.438, within(0.03));
        assertThat(rate(o -> o.features().category() == TaskCategory.MALWARE_ANALYSIS)).isCloseTo(0.343, within(0.04));
        assertThat(rate(o -> o.features().category() == TaskCategory.LOG_ANALYSIS)).isLessThan(0.02);
        for (TaskCategory other : List.of(TaskCategory.INCIDENT_RESPONSE, TaskCategory.NETWORK_DEFENSE,
                TaskCategory.DETECTION_ENGINEERING, TaskCategory.VULNERABILITY_ASSESSMENT)) {
            assertThat(rate(o -> o.features().category() == other)).as(other.wireName())
                    .isGreaterThan(0.0).isLessThan(0.343);
        }
    }

    @Test
    void offensiveRequestsAreAlwaysRefused() {
        List<Outcome> offensive = OUTCOMES.stream().filter(o -> o.request().prompt().offensive()).toList();
        assertThat(offensive).isNotEmpty().allMatch(Outcome::refused);
    }
}
