package dev.refusalguard.policies;

/** Scores how likely a request text is offensive (attack work against others). Implementations are thread-safe. */
public interface IntentModel {

    /** Probability-like score in 0..1 that the request is offensive. */
    double offensiveScore(String requestText);
}
