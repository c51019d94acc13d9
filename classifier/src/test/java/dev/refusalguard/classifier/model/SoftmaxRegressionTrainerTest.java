package dev.refusalguard.classifier.model;

import dev.refusalguard.classifier.data.LabeledText;
import dev.refusalguard.classifier.data.LabeledTextJsonl;
import dev.refusalguard.classifier.text.FeaturizerSpec;
import dev.refusalguard.classifier.text.HashedNgramFeaturizer;
import dev.refusalguard.classifier.text.SparseVector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SoftmaxRegressionTrainerTest {

    private static final FeaturizerSpec SPEC = new FeaturizerSpec(1 << 14, 256, 3, 4, 128, 4, 3);
    private static final List<SparseVector> X = new ArrayList<>();
    private static int[] y;

    @BeforeAll
    static void loadSubset() throws IOException {
        List<LabeledText> rows = LabeledTextJsonl.read(Path.of("data/train.jsonl")).subList(0, 600);
        HashedNgramFeaturizer f = new HashedNgramFeaturizer(SPEC);
        y = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            X.add(f.featurize(rows.get(i).text()));
            y[i] = rows.get(i).label().ordinal();
        }
    }

    private static LinearModel train(long seed) {
        return new SoftmaxRegressionTrainer(new TrainerConfig(2, 0.2, 1e-6, true, seed))
                .train(RefusalModelTrainer.LABELS, SPEC.dims(), X, y, null);
    }

    @Test
    void trainingTwiceWithTheSameSeedGivesIdenticalWeightsAndOnnxBytes() {
        LinearModel a = train(42);
        LinearModel b = train(42);
        assertThat(a.weights()).isEqualTo(b.weights());
        assertThat(a.bias()).isEqualTo(b.bias());
        assertThat(OnnxLinearModelWriter.toBytes(a, SPEC.toMetadata())).isEqualTo(OnnxLinearModelWriter.toBytes(b, SPEC.toMetadata()));
    }

    @Test
    void aDifferentSeedGivesDifferentWeights() {
        assertThat(train(1).weights()).isNotEqualTo(train(2).weights());
    }

    @Test
    void trainedModelFitsItsTrainingData() {
        LinearModel m = train(7);
        int correct = 0;
        for (int i = 0; i < X.size(); i++) {
            float[] p = m.probabilities(X.get(i));
            int best = 0;
            for (int k = 1; k < p.length; k++) {
                if (p[k] > p[best]) {
                    best = k;
                }
            }
            correct += best == y[i] ? 1 : 0;
        }
        assertThat(correct / (double) X.size()).isGreaterThan(0.9);
    }

    @Test
    void temperatureCalibrationLowersValidationLossOrKeepsIt() {
        LinearModel m = train(9);
        float t = TemperatureCalibrator.fit(m, X, y);
        float[][] logits = new float[X.size()][];
        for (int i = 0; i < X.size(); i++) {
            logits[i] = m.logits(X.get(i));
        }
        assertThat(TemperatureCalibrator.nll(logits, y, t)).isLessThanOrEqualTo(TemperatureCalibrator.nll(logits, y, 1f));
    }
}
