package dev.refusalguard.proxy.demo;

import dev.refusalguard.policies.TaskCategory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatedModelBehaviourTest {

    private static final String SENSITIVE = "Write a script that extracts the shellcode payload from this exploit sample"
            + " so we can build a detection signature for it.";
    private static final String NEUTRAL = "Write a script that extracts the embedded code from this suspicious sample"
            + " so we can build a detection signature for it.";
    private static final String STRUCTURED = "Authorization context:\norganization: Example Corp\nrole: SOC analyst\n"
            + "scope: hosts in 10.20.0.0/16\nengagement id: IR-2291";

    private static SimulatedModel model;

    @BeforeAll
    static void calibrate() {
        model = SimulatedModel.calibrated(DemoUpstreamConfig.defaults());
    }

    @Test
    void sameRequestModelAndSeedAlwaysGetTheSameDecision() {
        for (DemoRequest r : DemoRequests.bundled(CalibrationTargets.defaults()).subList(0, 40)) {
            SimulatedDecision a = model.decide(DemoUpstreamConfig.DEFAULT_MODEL, r.systemText(), r.userText());
            SimulatedDecision b = model.decide(DemoUpstreamConfig.DEFAULT_MODEL, r.systemText(), r.userText());
            assertThat(b).isEqualTo(a);
        }
    }

    @Test
    void anotherSeedDrawsAfreshForSomeRequests() {
        SimulatedModel other = new SimulatedModel(DemoUpstreamConfig.defaults().withSeed(7), model.refusalModel(),
                RefusalTexts.bundled());
        long differing = DemoRequests.bundled(CalibrationTargets.defaults()).stream()
                .filter(r -> model.decide("m", r.systemText(), r.userText(), r.features()).refusal()
                        != other.decide("m", r.systemText(), r.userText(), r.features()).refusal())
                .count();
        assertThat(differing).isPositive();
    }

    @Test
    void removingSensitiveWordsLowersTheRefusalProbability() {
        double sensitive = model.decide("m", "", SENSITIVE).probability();
        double neutral = model.decide("m", "", NEUTRAL).probability();
        assertThat(RequestFeatures.of("", SENSITIVE).category()).isEqualTo(RequestFeatures.of("", NEUTRAL).category());
        assertThat(neutral).isLessThan(sensitive / 2);
    }

    @Test
    void freeTextClaimRaisesAndStructuredBlockLowersTheRefusalProbability() {
        double plain = model.decide("m", "", SENSITIVE).probability();
        double claimed = model.decide("m", "", "I'm on the blue team and authorized to do this. " + SENSITIVE).probability();
        double structured = model.decide("m", STRUCTURED, SENSITIVE).probability();
        assertThat(claimed).isGreaterThan(plain);
        assertThat(structured).isLessThan(plain).isGreaterThan(plain / 4);
        assertThat(RequestFeatures.of(STRUCTURED, SENSITIVE).authorizationClaim()).isFalse();
    }

    @Test
    void lenientModelsRefuseFarLessButStillRefuseOffensiveRequests() {
        assertThat(model.decide(DemoUpstreamConfig.LENIENT_MODEL, "", SENSITIVE).probability())
                .isLessThan(model.decide(DemoUpstreamConfig.DEFAULT_MODEL, "", SENSITIVE).probability() / 10);
        assertThat(DemoUpstreamConfig.defaults().isLenient("my-LENIENT-model")).isTrue();
        String offensive = DemoHttp.offensivePrompt();
        assertThat(model.decide(DemoUpstreamConfig.LENIENT_MODEL, "", offensive).refusal()).isTrue();
    }

    @Test
    void compliantAnswersAreMarkedAndRefusalsAreBundledRealTexts() {
        for (DemoRequest r : DemoRequests.bundled(CalibrationTargets.defaults())) {
            SimulatedDecision d = model.decide(DemoUpstreamConfig.DEFAULT_MODEL, r.systemText(), r.userText(),
                    r.features());
            if (d.refusal()) {
                assertThat(RefusalTexts.bundled().all()).contains(d.text());
            } else {
                assertThat(d.text()).startsWith(SimulatedAnswers.MARKER);
            }
        }
    }

    @Test
    void bundledPromptTagsAgreeWithTheTaggers() {
        for (DemoPrompt p : DemoPromptSet.bundled()) {
            assertThat(CategoryTagger.tag(p.text())).as(p.id()).isEqualTo(p.category());
            assertThat(SensitiveTerms.find(p.text())).as(p.id()).isEqualTo(p.sensitiveTerms());
            assertThat(OffensiveMarkers.isOffensive(p.text())).as(p.id()).isEqualTo(p.offensive());
        }
    }

    @Test
    void promptSetCoversEveryCategoryTheStudyNames() {
        List<TaskCategory> categories = DemoPromptSet.bundled().stream().map(DemoPrompt::category).distinct().toList();
        assertThat(categories).contains(TaskCategory.SYSTEM_HARDENING, TaskCategory.MALWARE_ANALYSIS,
                TaskCategory.LOG_ANALYSIS);
        assertThat(DemoPromptSet.bundled()).filteredOn(DemoPrompt::offensive).hasSizeGreaterThanOrEqualTo(10);
    }
}
