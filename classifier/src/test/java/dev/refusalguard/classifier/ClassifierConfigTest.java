package dev.refusalguard.classifier;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClassifierConfigTest {

    @Test
    void defaultsActOnHardAndSoftRefusals() {
        assertThat(ClassifierConfig.defaults().actOn()).isEqualTo(RefusalVerdict.DEFAULT_ACT_ON);
    }

    @Test
    void defaultsMatchTheThresholdsRecommendedByTheShippedModel() throws Exception {
        com.fasterxml.jackson.databind.JsonNode rec;
        try (var in = OnnxRefusalClassifier.class.getResourceAsStream("/dev/refusalguard/classifier/refusal-model.json")) {
            rec = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in).get("recommendedConfig");
        }
        ClassifierConfig d = ClassifierConfig.defaults();
        assertThat(d.refusalThreshold()).isEqualTo(rec.get("refusalThreshold").asDouble());
        assertThat(d.prefixRefusalAbove()).isEqualTo(rec.get("prefixRefusalAbove").asDouble());
        assertThat(d.prefixNotRefusalBelow()).isEqualTo(rec.get("prefixNotRefusalBelow").asDouble());
        assertThat(d.prefixMinChars()).isEqualTo(rec.get("prefixMinChars").asInt());
    }

    @Test
    void invalidValuesAreRejectedNamingTheKey() {
        ClassifierConfig d = ClassifierConfig.defaults();
        assertThatThrownBy(() -> new ClassifierConfig(Set.of(), 0.5, 0.9, 0.1, 16, 100))
                .hasMessageContaining("actOn");
        assertThatThrownBy(() -> d.withActOn(Set.of(RefusalClass.COMPLIANCE))).hasMessageContaining("actOn");
        assertThatThrownBy(() -> new ClassifierConfig(d.actOn(), 1.5, 0.9, 0.1, 16, 100)).hasMessageContaining("refusalThreshold");
        assertThatThrownBy(() -> new ClassifierConfig(d.actOn(), 0.5, 0.4, 0.1, 16, 100)).hasMessageContaining("prefixRefusalAbove");
        assertThatThrownBy(() -> new ClassifierConfig(d.actOn(), 0.5, 0.9, 0.1, -1, 100)).hasMessageContaining("prefixMinChars");
        assertThatThrownBy(() -> new ClassifierConfig(d.actOn(), 0.5, 0.9, 0.1, 16, 0)).hasMessageContaining("maxChars");
    }
}
