package dev.refusalguard.policies.model;

import dev.refusalguard.classifier.model.OnnxTextModel;
import dev.refusalguard.policies.IntentModel;

import java.util.List;

/**
 * The trained intent model (ONNX, labels defensive/offensive/ambiguous). Offensive score = P(offensive) +
 * P(ambiguous) / 2, so an ambiguous-looking request sits in the middle band. Thread-safe.
 */
public final class OnnxIntentModel implements IntentModel, AutoCloseable {

    private final OnnxTextModel model;
    private final int offensive;
    private final int ambiguous;

    public OnnxIntentModel(OnnxTextModel model) {
        this.model = model;
        List<String> labels = model.labels();
        this.offensive = labels.indexOf("offensive");
        this.ambiguous = labels.indexOf("ambiguous");
        if (offensive < 0 || ambiguous < 0 || !labels.contains("defensive")) {
            throw new IllegalArgumentException("intent model labels must be defensive, offensive, ambiguous: " + labels);
        }
    }

    public static OnnxIntentModel loadDefault() {
        return new OnnxIntentModel(OnnxTextModel.loadResource(OnnxIntentModel.class, RequestModels.INTENT_RESOURCE));
    }

    @Override
    public double offensiveScore(String requestText) {
        float[] p = model.predict(requestText);
        return Math.max(0.0, Math.min(1.0, p[offensive] + 0.5 * p[ambiguous]));
    }

    @Override
    public void close() {
        model.close();
    }
}
