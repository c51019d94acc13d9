package dev.refusalguard.policies;

import dev.refusalguard.policies.model.OnnxCategoryModel;

import java.util.Map;

/**
 * The shipped category model: a blend of the trained ONNX model's probabilities and the transparent
 * {@link CategoryRules}, {@code p = (1 - w) * p_model + w * softmax(rule scores)}. The weight (0.5) and the rule
 * softmax sharpness (1.0) were chosen on the validation slice of the training rows, never on the held-out set.
 * Thread-safe.
 */
public final class BlendedCategoryModel implements CategoryModel {

    public static final double DEFAULT_RULE_WEIGHT = 0.5;

    private final OnnxCategoryModel model;
    private final CategoryRules rules;
    private final double ruleWeight;

    public BlendedCategoryModel(OnnxCategoryModel model, CategoryRules rules, double ruleWeight) {
        if (!(ruleWeight >= 0 && ruleWeight <= 1)) {
            throw new IllegalArgumentException("ruleWeight: must be within 0..1, was " + ruleWeight);
        }
        this.model = model;
        this.rules = rules;
        this.ruleWeight = ruleWeight;
    }

    @Override
    public CategoryPrediction predict(String requestText) {
        Map<TaskCategory, Double> p = model.probabilities(requestText);
        Map<TaskCategory, Double> s = rules.scores(requestText);
        double max = 0;
        for (double v : s.values()) {
            max = Math.max(max, v);
        }
        double z = 0;
        double[] e = new double[TaskCategory.values().length];
        for (TaskCategory c : TaskCategory.values()) {
            e[c.ordinal()] = Math.exp(s.getOrDefault(c, 0.0) - max);
            z += e[c.ordinal()];
        }
        TaskCategory best = TaskCategory.OTHER;
        double bestValue = -1;
        for (TaskCategory c : TaskCategory.values()) {
            double v = (1 - ruleWeight) * p.getOrDefault(c, 0.0) + ruleWeight * e[c.ordinal()] / z;
            if (v > bestValue) {
                bestValue = v;
                best = c;
            }
        }
        return new CategoryPrediction(best, Math.max(0.0, Math.min(1.0, bestValue)));
    }
}
