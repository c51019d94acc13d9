package dev.refusalguard.proxy.demo;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusTextTest {

    @Test
    void readsSamplesWithAndWithoutLabelsAndSkipsComments() {
        PrometheusText t = PrometheusText.parse("""
                # HELP refusalguard_refusals_total Refusals.
                # TYPE refusalguard_refusals_total counter
                refusalguard_refusals_total{model="gpt-4o",signal="classifier"} 3.0
                refusalguard_refusals_total{model="other",signal="classifier"} 2.0
                refusalguard_refusals_total{signal="message_refusal",model="gpt-4o"} 1.0 1700000000000
                refusalguard_up 1
                odd{label="a \\"quoted\\" }brace"} 4
                """);
        assertThat(t.samples()).hasSize(5);
        assertThat(t.sumBy("refusalguard_refusals_total", "signal", l -> true))
                .isEqualTo(Map.of("classifier", 5.0, "message_refusal", 1.0));
        assertThat(t.samples().get(3).labels()).isEmpty();
        assertThat(t.samples().get(4).labels()).containsEntry("label", "a \"quoted\" }brace");
        assertThat(t.samples().get(4).value()).isEqualTo(4.0);
    }
}
