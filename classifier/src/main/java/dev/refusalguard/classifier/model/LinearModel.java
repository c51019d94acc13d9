package dev.refusalguard.classifier.model;

import dev.refusalguard.classifier.text.SparseVector;

import java.util.List;

/**
 * A multinomial linear model over hashed sparse features: {@code p = softmax((x W + b) / T)}.
 *
 * @param labels      class names, in output order
 * @param dims        feature rows
 * @param weights     row-major [dims x labels.size()]
 * @param bias        one per class
 * @param temperature calibration temperature T (> 0), fitted on held-out data
 */
public record LinearModel(List<String> labels, int dims, float[] weights, float[] bias, float temperature) {

    public LinearModel {
        labels = List.copyOf(labels);
        if (labels.size() < 2) {
            throw new IllegalArgumentException("labels needs at least two classes");
        }
        if (weights.length != (long) dims * labels.size()) {
            throw new IllegalArgumentException("weights must have dims * classes entries: " + weights.length);
        }
        if (bias.length != labels.size()) {
            throw new IllegalArgumentException("bias must have one entry per class: " + bias.length);
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0: " + temperature);
        }
    }

    public int classes() {
        return labels.size();
    }

    public LinearModel withTemperature(float t) {
        return new LinearModel(labels, dims, weights, bias, t);
    }

    /** Raw logits (before temperature), accumulated in float in index order, as the ONNX graph does. */
    public float[] logits(SparseVector x) {
        int c = classes();
        float[] out = new float[c];
        int[] idx = x.indices();
        float[] val = x.values();
        for (int i = 0; i < idx.length; i++) {
            int row = idx[i] * c;
            float v = val[i];
            for (int k = 0; k < c; k++) {
                out[k] += weights[row + k] * v;
            }
        }
        for (int k = 0; k < c; k++) {
            out[k] += bias[k];
        }
        return out;
    }

    /** Calibrated class probabilities. */
    public float[] probabilities(SparseVector x) {
        return softmax(logits(x), temperature);
    }

    public static float[] softmax(float[] logits, float temperature) {
        float max = Float.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l / temperature);
        }
        float[] p = new float[logits.length];
        double sum = 0;
        for (int k = 0; k < logits.length; k++) {
            p[k] = (float) StrictMath.exp(logits[k] / temperature - max);
            sum += p[k];
        }
        for (int k = 0; k < p.length; k++) {
            p[k] = (float) (p[k] / sum);
        }
        return p;
    }
}
