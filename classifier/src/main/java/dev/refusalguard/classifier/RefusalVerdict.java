package dev.refusalguard.classifier;

import java.util.Set;

/**
 * The classifier's answer for one text.
 *
 * @param label         the most likely class
 * @param refusalScore  calibrated probability that the text is a refusal of a class in the act-on set, 0..1
 * @param refusal       true when {@code label} (or the score) falls in the configured act-on set
 */
public record RefusalVerdict(RefusalClass label, double refusalScore, boolean refusal) {

    public RefusalVerdict {
        if (label == null) {
            throw new IllegalArgumentException("label is required");
        }
        if (!(refusalScore >= 0.0 && refusalScore <= 1.0)) {
            throw new IllegalArgumentException("refusalScore must be in [0,1]: " + refusalScore);
        }
    }

    /** Default classes the proxy acts on: hard and soft refusals. */
    public static final Set<RefusalClass> DEFAULT_ACT_ON = Set.of(RefusalClass.HARD_REFUSAL, RefusalClass.SOFT_REFUSAL);
}
