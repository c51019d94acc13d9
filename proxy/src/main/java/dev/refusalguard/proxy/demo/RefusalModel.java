package dev.refusalguard.proxy.demo;

import dev.refusalguard.policies.TaskCategory;

import java.util.EnumMap;
import java.util.Map;

/**
 * The simulated model's refusal probability: a logistic model with additive effects on the log-odds.
 *
 * <pre>
 *   logit p = intercept + category[c] + sensitive * S + claim * C + structured * A + lenient * L
 * </pre>
 * where S, C, A, L are 0/1 (sensitive words, free-text authorization claim, structured authorization block,
 * lenient model). Clearly offensive requests are refused with probability 1 whatever the terms.
 * Coefficients come from {@link RefusalModelFitter}.
 */
public record RefusalModel(double intercept,
                           Map<TaskCategory, Double> categoryEffects,
                           double sensitiveEffect,
                           double claimEffect,
                           double structuredEffect,
                           double lenientEffect) {

    public RefusalModel {
        Map<TaskCategory, Double> copy = new EnumMap<>(TaskCategory.class);
        copy.putAll(categoryEffects);
        for (TaskCategory c : TaskCategory.values()) {
            copy.putIfAbsent(c, 0.0);
        }
        categoryEffects = Map.copyOf(copy);
    }

    /** Refusal probability of a request with these features, sent to a strict or a lenient model. */
    public double probability(RequestFeatures f, boolean lenientModel) {
        if (f.offensive()) {
            return 1.0;
        }
        return sigmoid(logit(f, lenientModel));
    }

    double logit(RequestFeatures f, boolean lenientModel) {
        return intercept
                + categoryEffects.get(f.category())
                + (f.sensitive() ? sensitiveEffect : 0)
                + (f.authorizationClaim() ? claimEffect : 0)
                + (f.structuredAuthorization() ? structuredEffect : 0)
                + (lenientModel ? lenientEffect : 0);
    }

    static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    static double logitOf(double p) {
        return Math.log(p / (1 - p));
    }
}
