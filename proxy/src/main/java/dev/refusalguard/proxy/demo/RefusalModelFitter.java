package dev.refusalguard.proxy.demo;

import dev.refusalguard.policies.TaskCategory;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Fits {@link RefusalModel} so that its expected refusal rates over a population of defensive requests equal
 * the {@link CalibrationTargets}: each pinned category's rate, the neutral rate (through the intercept), the
 * sensitive rate (through the sensitive effect) and the claim rate (through the claim effect).
 *
 * <p>Method: repeated logit corrections, each parameter moved by {@code logit(target) - logit(current mean)}
 * of its own group, until every group is within 1e-6 (a raking-style fixed point; each step only improves
 * its own group and the groups are only weakly coupled, so it converges in a few dozen rounds). The
 * no-claim rate is matched by choosing the share of claims ({@link CalibrationTargets#claimShareFor}).
 */
public final class RefusalModelFitter {

    private static final int MAX_ROUNDS = 2_000;
    private static final double TOLERANCE = 1e-6;

    private RefusalModelFitter() {
    }

    public static RefusalModel fit(List<RequestFeatures> population, CalibrationTargets targets) {
        List<RequestFeatures> defensive = population.stream().filter(f -> !f.offensive()).toList();
        if (defensive.isEmpty()) {
            throw new IllegalArgumentException("calibration population has no defensive requests");
        }
        Map<TaskCategory, Double> effects = new EnumMap<>(TaskCategory.class);
        for (TaskCategory c : TaskCategory.values()) {
            effects.put(c, targets.pinnedCategoryRates().containsKey(c)
                    ? RefusalModel.logitOf(targets.pinnedCategoryRates().get(c)) - RefusalModel.logitOf(targets.neutralRate())
                    : targets.offsetOf(c));
        }
        double intercept = RefusalModel.logitOf(targets.neutralRate());
        double sensitive = 1.0;
        double claim = 0.5;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            double worst = 0;
            for (Map.Entry<TaskCategory, Double> pinned : targets.pinnedCategoryRates().entrySet()) {
                TaskCategory c = pinned.getKey();
                double mean = mean(defensive, f -> f.category() == c,
                        new RefusalModel(intercept, effects, sensitive, claim, 0, 0));
                if (Double.isNaN(mean)) {
                    continue;
                }
                worst = Math.max(worst, Math.abs(mean - pinned.getValue()));
                effects.put(c, effects.get(c) + step(pinned.getValue(), mean));
            }
            double neutral = mean(defensive, f -> !f.sensitive(),
                    new RefusalModel(intercept, effects, sensitive, claim, 0, 0));
            worst = Math.max(worst, Math.abs(neutral - targets.neutralRate()));
            intercept += step(targets.neutralRate(), neutral);
            double sens = mean(defensive, RequestFeatures::sensitive,
                    new RefusalModel(intercept, effects, sensitive, claim, 0, 0));
            if (!Double.isNaN(sens)) {
                worst = Math.max(worst, Math.abs(sens - targets.sensitiveRate()));
                sensitive += step(targets.sensitiveRate(), sens);
            }
            double claimed = mean(defensive, RequestFeatures::authorizationClaim,
                    new RefusalModel(intercept, effects, sensitive, claim, 0, 0));
            if (!Double.isNaN(claimed)) {
                worst = Math.max(worst, Math.abs(claimed - targets.claimRate()));
                claim += step(targets.claimRate(), claimed);
            }
            if (worst < TOLERANCE) {
                break;
            }
        }
        return new RefusalModel(intercept, effects, sensitive, claim,
                targets.structuredAuthorizationEffect(), targets.lenientModelEffect());
    }

    private static double step(double target, double mean) {
        double clamped = Math.min(1 - 1e-9, Math.max(1e-9, mean));
        return 0.7 * (RefusalModel.logitOf(target) - RefusalModel.logitOf(clamped));
    }

    /** Mean refusal probability over the requests matching {@code group}; NaN when the group is empty. */
    static double mean(List<RequestFeatures> population, Predicate<RequestFeatures> group, RefusalModel model) {
        double sum = 0;
        int n = 0;
        for (RequestFeatures f : population) {
            if (group.test(f)) {
                sum += model.probability(f, false);
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
