package dev.refusalguard.policies.model;

import dev.refusalguard.classifier.model.OnnxTextModel;
import dev.refusalguard.policies.CategoryModel;
import dev.refusalguard.policies.CategoryPrediction;
import dev.refusalguard.policies.TaskCategory;

import java.util.List;

/** The trained task-category model (ONNX, labels = {@link TaskCategory} wire names). Thread-safe. */
public final class OnnxCategoryModel implements CategoryModel, AutoCloseable {

    private final OnnxTextModel model;
    private final TaskCategory[] categories;

    public OnnxCategoryModel(OnnxTextModel model) {
        this.model = model;
        List<String> labels = model.labels();
        this.categories = new TaskCategory[labels.size()];
        for (int i = 0; i < labels.size(); i++) {
            categories[i] = TaskCategory.fromWireName(labels.get(i));
        }
    }

    public static OnnxCategoryModel loadDefault() {
        return new OnnxCategoryModel(OnnxTextModel.loadResource(OnnxCategoryModel.class, RequestModels.CATEGORY_RESOURCE));
    }

    /** Calibrated probability of each category. */
    public java.util.Map<TaskCategory, Double> probabilities(String requestText) {
        float[] p = model.predict(requestText);
        java.util.Map<TaskCategory, Double> out = new java.util.EnumMap<>(TaskCategory.class);
        for (int i = 0; i < p.length; i++) {
            out.put(categories[i], (double) p[i]);
        }
        return out;
    }

    @Override
    public CategoryPrediction predict(String requestText) {
        float[] p = model.predict(requestText);
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return new CategoryPrediction(categories[best], Math.max(0.0, Math.min(1.0, p[best])));
    }

    @Override
    public void close() {
        model.close();
    }
}
