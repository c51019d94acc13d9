package dev.refusalguard.classifier.text;

import dev.refusalguard.classifier.OnnxRefusalClassifier;
import dev.refusalguard.classifier.model.OnnxTextModel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped model's scores through the fast path ({@code predict(text)}: the featurizer's per-thread arrays copied
 * straight into the ONNX input buffers, under the model's lifecycle lock) equal, bit for bit, those of the plain path
 * (a {@link SparseVector} built first, then {@code predict(vector)}), over {@link FeaturizerCorpus}, on two threads at
 * once.
 */
class ShippedModelScoresSamenessTest {

    @Test
    void fastPathScoresAreBitIdenticalToTheVectorPathOnTwoThreads() throws Exception {
        try (OnnxTextModel model = OnnxTextModel.loadResource(OnnxRefusalClassifier.class, OnnxRefusalClassifier.MODEL_RESOURCE)) {
            List<String> texts = FeaturizerCorpus.texts();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Integer>> runs = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    int offset = t;
                    runs.add(pool.submit(() -> {
                        int checked = 0;
                        for (int i = offset; i < texts.size(); i += 2) {
                            String text = texts.get(i);
                            for (boolean complete : new boolean[]{true, false}) {
                                float[] fast = model.predict(text, complete);
                                float[] plain = model.predict(model.featurizer().featurize(new StringBuilder(text), complete));
                                assertThat(bits(fast)).as("text %d, complete %s", i, complete).isEqualTo(bits(plain));
                                checked++;
                            }
                        }
                        return checked;
                    }));
                }
                int checked = 0;
                for (Future<Integer> run : runs) {
                    checked += run.get();
                }
                assertThat(checked).isEqualTo(2 * texts.size());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static int[] bits(float[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Float.floatToRawIntBits(values[i]);
        }
        return out;
    }
}
