package dev.refusalguard.classifier.cli;

import dev.refusalguard.classifier.ClassifierConfig;
import dev.refusalguard.classifier.OnnxRefusalClassifier;
import dev.refusalguard.classifier.RefusalClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code eval --model FILE} judges another model with that model's own thresholds, from the metadata beside it. */
class RecommendedConfigTest {

    private static final String METADATA = "{\"model\":\"refusal-model.onnx\",\"recommendedConfig\":{\"actOn\":"
            + "[\"hard_refusal\"],\"refusalThreshold\":0.5,\"prefixRefusalAbove\":0.9,\"prefixNotRefusalBelow\":0.1,"
            + "\"prefixMinChars\":24}}";

    @Test
    void aModelsMetadataGivesItsThresholds(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("refusal-model.onnx");
        Files.writeString(dir.resolve("refusal-model.json"), METADATA);
        ClassifierConfig cfg = RecommendedConfig.of(model, ClassifierConfig.defaults());
        assertThat(cfg.prefixRefusalAbove()).isEqualTo(0.9);
        assertThat(cfg.prefixNotRefusalBelow()).isEqualTo(0.1);
        assertThat(cfg.prefixMinChars()).isEqualTo(24);
        assertThat(cfg.actOn()).isEqualTo(Set.of(RefusalClass.HARD_REFUSAL));
        assertThat(cfg.maxChars()).isEqualTo(ClassifierConfig.defaults().maxChars());
    }

    @Test
    void withoutMetadataTheDefaultsStandAndBadMetadataIsNamed(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("other.onnx");
        assertThat(RecommendedConfig.of(model, ClassifierConfig.defaults())).isEqualTo(ClassifierConfig.defaults());
        Files.writeString(dir.resolve("other.json"), "{\"recommendedConfig\":{\"prefixRefusalAbove\":0.2}}");
        assertThatThrownBy(() -> RecommendedConfig.of(model, ClassifierConfig.defaults()))
                .isInstanceOf(IOException.class).hasMessageContaining("other.json")
                .hasMessageContaining("prefixNotRefusalBelow <= refusalThreshold <= prefixRefusalAbove");
    }

    @Test
    void evalPrintsAndUsesTheModelsThresholds(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("refusal-model.onnx");
        try (InputStream shipped = OnnxRefusalClassifier.class.getResourceAsStream("refusal-model.onnx")) {
            Files.write(model, shipped.readAllBytes());
        }
        Files.writeString(dir.resolve("refusal-model.json"), METADATA);
        Path input = dir.resolve("labelled.jsonl");
        Files.writeString(input, "{\"text\": \"I'm sorry, but I can't help with that.\", \"label\": \"hard_refusal\"}\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = EvalCommand.run(new String[] {"--input", input.toString(), "--model", model.toString()},
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Thresholds: " + dir.resolve("refusal-model.json"))
                .contains("prefix refusal above 0.900").contains("prefix not refusal below 0.100");
    }
}
