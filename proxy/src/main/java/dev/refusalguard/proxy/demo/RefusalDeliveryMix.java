package dev.refusalguard.proxy.demo;

/**
 * Relative weights of the ways a refusal is delivered (normalised; need not sum to 1).
 * Default: plain text 60 %, provider signal 20 %, content filter 12 %, policy error 8 %.
 */
public record RefusalDeliveryMix(double plainText, double providerSignal, double contentFilter, double policyError) {

    public RefusalDeliveryMix {
        check("deliveryMix.plainText", plainText);
        check("deliveryMix.providerSignal", providerSignal);
        check("deliveryMix.contentFilter", contentFilter);
        check("deliveryMix.policyError", policyError);
        if (plainText + providerSignal + contentFilter + policyError <= 0) {
            throw new IllegalArgumentException("deliveryMix: at least one weight must be positive");
        }
    }

    private static void check(String key, double w) {
        if (!(w >= 0) || Double.isInfinite(w)) {
            throw new IllegalArgumentException(key + " must be a finite weight >= 0, was " + w);
        }
    }

    public static RefusalDeliveryMix defaults() {
        return new RefusalDeliveryMix(0.60, 0.20, 0.12, 0.08);
    }

    /** Only plain-text refusals (the hardest case for a detector: no provider signal at all). */
    public static RefusalDeliveryMix plainTextOnly() {
        return new RefusalDeliveryMix(1, 0, 0, 0);
    }

    /** The delivery for a uniform draw {@code u} in [0, 1). */
    public RefusalDelivery pick(double u) {
        double total = plainText + providerSignal + contentFilter + policyError;
        double x = u * total;
        if ((x -= plainText) < 0) {
            return RefusalDelivery.PLAIN_TEXT;
        }
        if ((x -= providerSignal) < 0) {
            return RefusalDelivery.PROVIDER_SIGNAL;
        }
        if ((x -= contentFilter) < 0) {
            return RefusalDelivery.CONTENT_FILTER;
        }
        if (policyError > 0) {
            return RefusalDelivery.POLICY_ERROR;
        }
        return contentFilter > 0 ? RefusalDelivery.CONTENT_FILTER
                : providerSignal > 0 ? RefusalDelivery.PROVIDER_SIGNAL : RefusalDelivery.PLAIN_TEXT;
    }
}
