package dev.refusalguard.policies;

/** Predicts the task category of a request text. Implementations are thread-safe. */
public interface CategoryModel {

    CategoryPrediction predict(String requestText);
}
