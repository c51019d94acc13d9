package dev.refusalguard.classifier.model;

import dev.refusalguard.classifier.text.SparseVector;

import java.util.List;
import java.util.Random;

/**
 * Trains a multinomial logistic regression ({@link LinearModel}) on sparse vectors with per-example AdaGrad and L2
 * on the touched rows. Single-threaded and deterministic: the same data, order and seed give identical weights, on
 * any JVM (Java floating point is strict since 17 and exp/log use {@link StrictMath}).
 * Generic over the label set.
 */
public final class SoftmaxRegressionTrainer {

    private final TrainerConfig config;

    public SoftmaxRegressionTrainer(TrainerConfig config) {
        this.config = config;
    }

    /**
     * @param labels        class names
     * @param dims          feature space size
     * @param x             examples
     * @param y             class index per example
     * @param sampleWeights weight per example (null = all 1)
     */
    public LinearModel train(List<String> labels, int dims, List<SparseVector> x, int[] y, float[] sampleWeights) {
        int c = labels.size();
        int n = x.size();
        if (y.length != n || (sampleWeights != null && sampleWeights.length != n)) {
            throw new IllegalArgumentException("x, y and sampleWeights must have the same length");
        }
        double[] classWeight = new double[c];
        java.util.Arrays.fill(classWeight, 1.0);
        if (config.balanceClasses()) {
            double[] count = new double[c];
            for (int i = 0; i < n; i++) {
                count[y[i]] += sampleWeights == null ? 1 : sampleWeights[i];
            }
            double total = 0;
            for (double v : count) {
                total += v;
            }
            for (int k = 0; k < c; k++) {
                classWeight[k] = count[k] > 0 ? total / (c * count[k]) : 0;
            }
        }
        float[] w = new float[dims * c];
        float[] g2 = new float[dims * c];
        float[] b = new float[c];
        float[] gb2 = new float[c];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random rnd = new Random(config.seed());
        float lr = (float) config.learningRate();
        float l2 = (float) config.l2();
        float[] logits = new float[c];
        float[] grad = new float[c];
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int oi = 0; oi < n; oi++) {
                int ex = order[oi];
                SparseVector v = x.get(ex);
                int[] idx = v.indices();
                float[] val = v.values();
                java.util.Arrays.fill(logits, 0f);
                for (int i = 0; i < idx.length; i++) {
                    int row = idx[i] * c;
                    for (int k = 0; k < c; k++) {
                        logits[k] += w[row + k] * val[i];
                    }
                }
                float max = Float.NEGATIVE_INFINITY;
                for (int k = 0; k < c; k++) {
                    logits[k] += b[k];
                    max = Math.max(max, logits[k]);
                }
                double sum = 0;
                for (int k = 0; k < c; k++) {
                    logits[k] = (float) StrictMath.exp(logits[k] - max);
                    sum += logits[k];
                }
                float scale = (float) (classWeight[y[ex]] * (sampleWeights == null ? 1.0 : sampleWeights[ex]));
                for (int k = 0; k < c; k++) {
                    float p = (float) (logits[k] / sum);
                    grad[k] = (p - (k == y[ex] ? 1f : 0f)) * scale;
                }
                for (int k = 0; k < c; k++) {
                    gb2[k] += grad[k] * grad[k];
                    b[k] -= lr * grad[k] / (float) Math.sqrt(gb2[k] + 1e-8f);
                }
                for (int i = 0; i < idx.length; i++) {
                    int row = idx[i] * c;
                    for (int k = 0; k < c; k++) {
                        int p = row + k;
                        float g = grad[k] * val[i] + l2 * w[p];
                        g2[p] += g * g;
                        w[p] -= lr * g / (float) Math.sqrt(g2[p] + 1e-8f);
                    }
                }
            }
        }
        return new LinearModel(labels, dims, w, b, 1f);
    }
}
