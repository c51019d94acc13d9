package dev.refusalguard.policies.model;

import dev.refusalguard.classifier.model.LinearModel;
import dev.refusalguard.classifier.model.OnnxLinearModelWriter;
import dev.refusalguard.classifier.model.SoftmaxRegressionTrainer;
import dev.refusalguard.classifier.model.TemperatureCalibrator;
import dev.refusalguard.classifier.model.TrainerConfig;
import dev.refusalguard.classifier.text.FeaturizerSpec;
import dev.refusalguard.classifier.text.HashedNgramFeaturizer;
import dev.refusalguard.classifier.text.SparseVector;
import dev.refusalguard.policies.Intent;
import dev.refusalguard.policies.TaskCategory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Trains the intent and category models with the classifier module's generic hashed n-gram featurizer and softmax
 * regression trainer, calibrates their temperature on a validation slice of the training rows (15%, chosen by a
 * hash of the text) and writes them as ONNX. Deterministic for a given seed and input.
 */
public final class RequestModelTrainer {

    /** Rows written for RefusalGuard are closer to real agent traffic than the templated benchmark rows. */
    public static final float WRITTEN_WEIGHT = 2.0f;
    public static final int VALIDATION_PERCENT = 15;

    /** A trained model with what the report needs. */
    public record Trained(LinearModel model, int fitRows, int validationRows, double validationAccuracy,
                          double nllBefore, double nllAfter) {
    }

    private final FeaturizerSpec spec;
    private final HashedNgramFeaturizer featurizer;
    private final TrainerConfig config;

    public RequestModelTrainer(FeaturizerSpec spec, TrainerConfig config) {
        this.spec = spec;
        this.featurizer = new HashedNgramFeaturizer(spec);
        this.config = config;
    }

    public Trained trainIntent(List<LabeledRequest> rows) {
        List<String> labels = new ArrayList<>();
        for (Intent i : Intent.values()) {
            labels.add(i.wireName());
        }
        return train(rows, labels, r -> r.intent().wireName());
    }

    /** Trains on rows with a category label that are not offensive (the taxonomy is one of defensive tasks). */
    public Trained trainCategory(List<LabeledRequest> rows) {
        List<String> labels = new ArrayList<>();
        for (TaskCategory c : TaskCategory.values()) {
            labels.add(c.wireName());
        }
        List<LabeledRequest> labelled = rows.stream().filter(IntentEvaluation::countsForCategory).toList();
        return train(labelled, labels, r -> r.category().wireName());
    }

    private Trained train(List<LabeledRequest> rows, List<String> labels, Function<LabeledRequest, String> label) {
        List<SparseVector> fx = new ArrayList<>();
        List<Integer> fy = new ArrayList<>();
        List<Float> fw = new ArrayList<>();
        List<SparseVector> vx = new ArrayList<>();
        List<Integer> vy = new ArrayList<>();
        for (LabeledRequest r : rows) {
            SparseVector x = featurizer.featurize(r.text());
            int y = labels.indexOf(label.apply(r));
            if (isValidation(r.text())) {
                vx.add(x);
                vy.add(y);
            } else {
                fx.add(x);
                fy.add(y);
                fw.add("written-for-refusalguard".equals(r.source()) ? WRITTEN_WEIGHT : 1f);
            }
        }
        int[] y = fy.stream().mapToInt(Integer::intValue).toArray();
        float[] w = new float[fw.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = fw.get(i);
        }
        LinearModel raw = new SoftmaxRegressionTrainer(config).train(labels, spec.dims(), fx, y, w);
        int[] vyArr = vy.stream().mapToInt(Integer::intValue).toArray();
        float t = vx.isEmpty() ? 1f : TemperatureCalibrator.fit(raw, vx, vyArr);
        LinearModel calibrated = raw.withTemperature(t);
        int correct = 0;
        for (int i = 0; i < vx.size(); i++) {
            float[] p = calibrated.probabilities(vx.get(i));
            int best = 0;
            for (int k = 1; k < p.length; k++) {
                if (p[k] > p[best]) {
                    best = k;
                }
            }
            if (best == vyArr[i]) {
                correct++;
            }
        }
        return new Trained(calibrated, fx.size(), vx.size(), vx.isEmpty() ? Double.NaN : (double) correct / vx.size(),
                nll(raw, vx, vyArr, 1f), nll(raw, vx, vyArr, t));
    }

    private static double nll(LinearModel m, List<SparseVector> x, int[] y, float t) {
        double sum = 0;
        for (int i = 0; i < x.size(); i++) {
            float[] p = LinearModel.softmax(m.logits(x.get(i)), t);
            sum -= Math.log(Math.max(1e-12, p[y[i]]));
        }
        return x.isEmpty() ? Double.NaN : sum / x.size();
    }

    public void write(Trained trained, String name, Path file) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("labels", String.join(",", trained.model().labels()));
        meta.put("model", name);
        meta.put("trainer", "softmax-regression epochs=" + config.epochs() + " lr=" + config.learningRate()
                + " l2=" + config.l2() + " balanced=" + config.balanceClasses() + " seed=" + config.seed());
        meta.put("temperature", Float.toString(trained.model().temperature()));
        meta.putAll(spec.toMetadata());
        OnnxLinearModelWriter.write(trained.model(), meta, file);
    }

    static boolean isValidation(String text) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            int v = ((h[0] & 0xff) << 8 | (h[1] & 0xff)) % 100;
            return v < VALIDATION_PERCENT;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
