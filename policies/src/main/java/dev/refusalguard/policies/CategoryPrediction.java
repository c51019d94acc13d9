package dev.refusalguard.policies;

/**
 * A category with the model's confidence in it.
 *
 * @param category   predicted task category
 * @param confidence 0..1
 */
public record CategoryPrediction(TaskCategory category, double confidence) {

    public CategoryPrediction {
        if (category == null) {
            throw new IllegalArgumentException("category: required");
        }
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence: must be within 0..1, was " + confidence);
        }
    }
}
