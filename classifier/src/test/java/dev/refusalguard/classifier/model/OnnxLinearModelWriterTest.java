package dev.refusalguard.classifier.model;

import dev.refusalguard.classifier.text.FeaturizerSpec;
import dev.refusalguard.classifier.text.HashedNgramFeaturizer;
import dev.refusalguard.classifier.text.SparseVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OnnxLinearModelWriterTest {

    private static final FeaturizerSpec SPEC = new FeaturizerSpec(1 << 12, 256, 3, 5, 128, 4, 11);

    /** Enough text that its vector outgrows the first size of the per-thread input buffers (4,096 features). */
    private static final String LONG_TEXT = longText();

    private static String longText() {
        StringBuilder sb = new StringBuilder();
        Random r = new Random(9);
        while (sb.length() < 40_000) {
            sb.append("w").append(r.nextInt(1_000_000)).append(' ');
        }
        return sb.toString();
    }

    private static LinearModel randomModel(List<String> labels, float temperature) {
        Random r = new Random(5);
        float[] w = new float[SPEC.dims() * labels.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian();
        }
        float[] b = new float[labels.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) r.nextGaussian();
        }
        return new LinearModel(labels, SPEC.dims(), w, b, temperature);
    }

    @ParameterizedTest
    @EnumSource(OnnxLinearModelWriter.Graph.class)
    void onnxRuntimeOutputEqualsJavaComputationWithin1e5(OnnxLinearModelWriter.Graph form) {
        LinearModel model = randomModel(List.of("compliance", "hard_refusal", "soft_refusal", "partial_refusal"), 1.7f);
        HashedNgramFeaturizer f = new HashedNgramFeaturizer(SPEC);
        byte[] onnx = OnnxLinearModelWriter.toBytes(model, SPEC.toMetadata(), form);
        try (OnnxTextModel ort = OnnxTextModel.load(onnx, 1)) {
            assertThat(ort.labels()).isEqualTo(model.labels());
            for (String text : new String[]{"I'm sorry, but I can't help with that.", "Here is the Sigma rule:\n```yaml\ntitle: x\n```",
                    "申し訳ありませんが、対応できません。", "", "a", " "}) {
                SparseVector x = f.featurize(text);
                float[] javaLogits = model.logits(x);
                float[] ortLogits = ort.logits(x);
                float[] javaP = model.probabilities(x);
                float[] ortP = ort.predict(text);
                for (int k = 0; k < model.classes(); k++) {
                    assertThat(ortLogits[k]).isCloseTo(javaLogits[k], within(1e-5f));
                    assertThat(ortP[k]).isCloseTo(javaP[k], within(1e-5f));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(OnnxLinearModelWriter.Graph.class)
    void aVectorLargerThanTheFirstInputBuffersIsComputedInFull(OnnxLinearModelWriter.Graph form) {
        FeaturizerSpec wide = new FeaturizerSpec(1 << 16, 20_000, 3, 5, 128, 4, 11);
        Random r = new Random(5);
        float[] w = new float[wide.dims() * 2];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian() * 0.01f;
        }
        LinearModel model = new LinearModel(List.of("a", "b"), wide.dims(), w, new float[]{0.1f, -0.1f}, 1f);
        SparseVector x = new HashedNgramFeaturizer(wide).featurize(LONG_TEXT);
        assertThat(x.size()).isGreaterThan(4096);
        try (OnnxTextModel ort = OnnxTextModel.load(OnnxLinearModelWriter.toBytes(model, wide.toMetadata(), form), 1)) {
            float[] javaLogits = model.logits(x);
            float[] ortLogits = ort.logits(x);
            for (int k = 0; k < 2; k++) {
                assertThat(ortLogits[k]).isCloseTo(javaLogits[k], within(1e-4f));
            }
        }
    }

    @Test
    void writerIsGenericOverTheLabelSetAndCarriesMetadata() {
        LinearModel model = randomModel(List.of("defensive", "offensive", "unclear"), 1f);
        byte[] onnx = OnnxLinearModelWriter.toBytes(model, Map.of("model", "intent", "featurizer", "hashed-ngram-v1",
                "featurizer.dims", "4096", "featurizer.maxChars", "256", "featurizer.charMinN", "3", "featurizer.charMaxN", "5",
                "featurizer.charMaxChars", "128", "featurizer.openingWords", "4", "featurizer.seed", "11"));
        try (OnnxTextModel ort = OnnxTextModel.load(onnx, 1)) {
            assertThat(ort.labels()).containsExactly("defensive", "offensive", "unclear");
            assertThat(ort.metadata("model")).contains("intent");
            float[] p = ort.predict("how do I detect kerberoasting");
            assertThat(p).hasSize(3);
            assertThat(p[0] + p[1] + p[2]).isCloseTo(1f, within(1e-5f));
        }
    }

    @Test
    void writtenBytesAreDeterministic() {
        LinearModel model = randomModel(List.of("a", "b"), 1f);
        assertThat(OnnxLinearModelWriter.toBytes(model, SPEC.toMetadata())).isEqualTo(OnnxLinearModelWriter.toBytes(model, SPEC.toMetadata()));
    }
}
