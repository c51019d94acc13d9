package dev.refusalguard.proxy.bias;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BiasJsonRendererTest {

    private final JsonNode json = parse(BiasJsonRenderer.render(ReportFixtures.studyLikeTracker()
            .snapshot(ReportFixtures.START.plusSeconds(20))));

    private static JsonNode parse(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void topLevelFieldsAreStable() {
        assertThat(fieldNames(json)).containsExactly("schema", "generated_at", "started_at", "window_seconds", "window",
                "since_start");
        assertThat(json.get("schema").asText()).isEqualTo("refusalguard.bias/v1");
        assertThat(json.get("window_seconds").asLong()).isEqualTo(900);
    }

    @Test
    void periodFieldsAreStable() {
        assertThat(fieldNames(json.get("window"))).containsExactly("from", "to", "requests", "refusals",
                "refusal_rate", "refusal_rate_by_category", "refusal_rate_by_model", "sensitive_vs_neutral",
                "sensitive_vs_neutral_by_category", "auth_claim_vs_none", "recovery_rate_by_strategy", "outcomes",
                "refusals_by_signal", "intents", "shadow_pairs", "shadow_pairs_by_category");
        assertThat(fieldNames(json.at("/window/sensitive_vs_neutral"))).containsExactly("exposed", "baseline", "ratio",
                "ratio_ci95", "ratio_corrected", "chi_square", "p_value");
        assertThat(fieldNames(json.at("/window/refusal_rate"))).containsExactly("events", "trials", "rate", "ci95");
    }

    @Test
    void valuesMatchTheReport() {
        JsonNode sensitive = json.at("/since_start/sensitive_vs_neutral");
        assertThat(sensitive.at("/exposed/rate").asDouble()).isEqualTo(0.305);
        assertThat(sensitive.at("/baseline/events").asLong()).isEqualTo(34);
        assertThat(sensitive.at("/baseline/trials").asLong()).isEqualTo(300);
        assertThat(sensitive.get("ratio").asDouble()).isCloseTo(0.305 / (34 / 300.0), within(1e-9));
        assertThat(sensitive.get("ratio_ci95").size()).isEqualTo(2);
        assertThat(json.at("/window/requests").asLong()).isEqualTo(700);
        assertThat(json.at("/window/shadow_pairs/original_only").asLong()).isEqualTo(7);
        assertThat(json.at("/window/shadow_pairs/mcnemar/method").asText()).isEqualTo("exact_binomial");
    }

    @Test
    void undefinedNumbersAreNullNotNaN() {
        JsonNode hardening = json.at("/window/refusal_rate_by_category/threat_intelligence");
        assertThat(hardening.get("rate").isNull()).isTrue();
        assertThat(hardening.get("ci95").isNull()).isTrue();
        assertThat(json.at("/window/sensitive_vs_neutral_by_category/log_analysis/ratio").isNull()).isTrue();
        assertThat(BiasJsonRenderer.render(ReportFixtures.studyLikeTracker().snapshot())).doesNotContain("NaN", "Infinity");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
