package dev.refusalguard.classifier.model;

import dev.refusalguard.classifier.text.SparseVector;

import java.util.List;

/** Fits the softmax temperature that minimises the negative log-likelihood on held-out data (temperature scaling). */
public final class TemperatureCalibrator {

    private TemperatureCalibrator() {
    }

    public static float fit(LinearModel model, List<SparseVector> x, int[] y) {
        float[][] logits = new float[x.size()][];
        for (int i = 0; i < x.size(); i++) {
            logits[i] = model.logits(x.get(i));
        }
        double bestT = 1;
        double bestNll = Double.POSITIVE_INFINITY;
        // log-spaced grid 0.1 .. 10, then a finer grid around the best
        for (int pass = 0; pass < 2; pass++) {
            double lo = pass == 0 ? StrictMath.log(0.1) : StrictMath.log(bestT) - 0.1;
            double hi = pass == 0 ? StrictMath.log(10) : StrictMath.log(bestT) + 0.1;
            for (int s = 0; s <= 100; s++) {
                double t = StrictMath.exp(lo + (hi - lo) * s / 100.0);
                double nll = nll(logits, y, (float) t);
                if (nll < bestNll) {
                    bestNll = nll;
                    bestT = t;
                }
            }
        }
        return (float) bestT;
    }

    static double nll(float[][] logits, int[] y, float t) {
        double total = 0;
        for (int i = 0; i < logits.length; i++) {
            float[] p = LinearModel.softmax(logits[i], t);
            total -= StrictMath.log(Math.max(p[y[i]], 1e-12));
        }
        return total / Math.max(1, logits.length);
    }
}
