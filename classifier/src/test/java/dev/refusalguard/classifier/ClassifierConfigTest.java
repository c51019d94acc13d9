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
