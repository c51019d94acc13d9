package dev.refusalguard.policies.model;

/**
 * The shipped intent and category models, loaded once per process on first use and shared by every analyzer
 * (ONNX Runtime sessions are thread-safe). They live as long as the process.
 */
public final class DefaultRequestModels {

    private DefaultRequestModels() {
    }

    private static final class Holder {
        static final OnnxIntentModel INTENT = OnnxIntentModel.loadDefault();
        static final OnnxCategoryModel CATEGORY = OnnxCategoryModel.loadDefault();
    }

    public static OnnxIntentModel intent() {
        return Holder.INTENT;
    }

    public static OnnxCategoryModel category() {
        return Holder.CATEGORY;
    }
}
