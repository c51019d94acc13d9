package dev.refusalguard.classifier;

import java.util.EnumSet;
import java.util.Set;

/**
 * Settings of {@link OnnxRefusalClassifier}, validated at construction.
 *
 * @param actOn                 classes that count as a refusal (default hard and soft)
 * @param refusalThreshold      a complete text is a refusal when the act-on probability is at least this
 * @param prefixRefusalAbove    a prefix is decided REFUSAL when the act-on probability is at least this
 * @param prefixNotRefusalBelow a prefix is decided NOT_REFUSAL when the act-on probability is at most this
 * @param prefixMinChars        prefixes shorter than this stay UNDECIDED (unless complete)
 * @param maxChars              characters of a text considered (the model's own window may be smaller)
 */
public record ClassifierConfig(Set<RefusalClass> actOn, double refusalThreshold, double prefixRefusalAbove,
                               double prefixNotRefusalBelow, int prefixMinChars, int maxChars) {

    public ClassifierConfig {
        if (actOn == null || actOn.isEmpty()) {
            throw new IllegalArgumentException("actOn must name at least one class");
        }
        if (actOn.contains(RefusalClass.COMPLIANCE)) {
            throw new IllegalArgumentException("actOn must not contain compliance");
        }
        actOn = Set.copyOf(EnumSet.copyOf(actOn));
        checkUnit("refusalThreshold", refusalThreshold);
        checkUnit("prefixRefusalAbove", prefixRefusalAbove);
        checkUnit("prefixNotRefusalBelow", prefixNotRefusalBelow);
        if (prefixNotRefusalBelow > refusalThreshold || prefixRefusalAbove < refusalThreshold) {
            throw new IllegalArgumentException("need prefixNotRefusalBelow <= refusalThreshold <= prefixRefusalAbove, got "
                    + prefixNotRefusalBelow + " / " + refusalThreshold + " / " + prefixRefusalAbove);
        }
        if (prefixMinChars < 0) {
            throw new IllegalArgumentException("prefixMinChars must be >= 0: " + prefixMinChars);
        }
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be >= 1: " + maxChars);
        }
    }

    /** Defaults: act on hard and soft refusals; thresholds as tuned on the validation split (see TRAINING_REPORT.md). */
    public static ClassifierConfig defaults() {
        return new ClassifierConfig(RefusalVerdict.DEFAULT_ACT_ON, 0.5, 0.688, 0.350, 16, 100_000);
    }

    public ClassifierConfig withActOn(Set<RefusalClass> classes) {
        return new ClassifierConfig(classes, refusalThreshold, prefixRefusalAbove, prefixNotRefusalBelow, prefixMinChars, maxChars);
    }

    public ClassifierConfig withPrefixThresholds(double refusalAbove, double notRefusalBelow, int minChars) {
        return new ClassifierConfig(actOn, refusalThreshold, refusalAbove, notRefusalBelow, minChars, maxChars);
    }

    private static void checkUnit(String key, double v) {
        if (!(v >= 0.0 && v <= 1.0)) {
            throw new IllegalArgumentException(key + " must be in [0,1]: " + v);
        }
    }
}
