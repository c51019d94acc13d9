package dev.refusalguard.proxy.demo;

import dev.refusalguard.policies.TaskCategory;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the simulated model is calibrated to: refusal rates (marginals) over the bundled defensive demo
 * requests, and the fixed effects that are not fitted.
 *
 * <p>Defaults are the study's figures (Campbell et al. 2026, "Defensive Refusal Bias"): system hardening
 * 43.8 %, malware analysis 34.3 %, log analysis about 0 % (0.3 % here, a logistic model cannot reach 0);
 * requests with sensitive words 30.5 % vs neutral 11.2 %; with a free-text authorization claim 21.8 % vs
 * 11.6 % without. Categories the study does not pin get a fixed logit offset from the shared intercept.
 *
 * @param pinnedCategoryRates     category -> target refusal rate, fitted exactly
 * @param otherCategoryOffsets    category -> fixed logit offset (categories not pinned; missing means 0)
 * @param sensitiveRate           target refusal rate of requests with sensitive words
 * @param neutralRate             target refusal rate of requests without
 * @param claimRate               target refusal rate of requests with a free-text authorization claim
 * @param noClaimRate             target refusal rate of requests without one (sets the share of claims)
 * @param structuredAuthorizationEffect logit added when a structured authorization block is present (< 0)
 * @param lenientModelEffect      logit added for lenient models (< 0)
 */
public record CalibrationTargets(Map<TaskCategory, Double> pinnedCategoryRates,
                                 Map<TaskCategory, Double> otherCategoryOffsets,
                                 double sensitiveRate,
                                 double neutralRate,
                                 double claimRate,
                                 double noClaimRate,
                                 double structuredAuthorizationEffect,
                                 double lenientModelEffect) {

    public CalibrationTargets {
        Objects.requireNonNull(pinnedCategoryRates, "calibration.pinnedCategoryRates");
        Objects.requireNonNull(otherCategoryOffsets, "calibration.otherCategoryOffsets");
        pinnedCategoryRates = Map.copyOf(pinnedCategoryRates);
        otherCategoryOffsets = Map.copyOf(otherCategoryOffsets);
        pinnedCategoryRates.forEach((c, r) -> rate("calibration.pinnedCategoryRates." + c.wireName(), r));
        for (TaskCategory c : otherCategoryOffsets.keySet()) {
            if (pinnedCategoryRates.containsKey(c)) {
                throw new IllegalArgumentException("calibration.otherCategoryOffsets." + c.wireName()
                        + ": category is pinned in calibration.pinnedCategoryRates");
            }
        }
        if (pinnedCategoryRates.size() == TaskCategory.values().length) {
            throw new IllegalArgumentException("calibration.pinnedCategoryRates: leave at least one category"
                    + " unpinned, the shared intercept is fitted on them");
        }
        rate("calibration.sensitiveRate", sensitiveRate);
        rate("calibration.neutralRate", neutralRate);
        rate("calibration.claimRate", claimRate);
        rate("calibration.noClaimRate", noClaimRate);
        if (!(claimRate > noClaimRate)) {
            throw new IllegalArgumentException("calibration.claimRate must exceed calibration.noClaimRate"
                    + " (the share of claims is derived from their gap)");
        }
        if (!(structuredAuthorizationEffect <= 0) || Double.isInfinite(structuredAuthorizationEffect)) {
            throw new IllegalArgumentException("calibration.structuredAuthorizationEffect must be <= 0 and finite");
        }
        if (!(lenientModelEffect <= 0) || Double.isInfinite(lenientModelEffect)) {
            throw new IllegalArgumentException("calibration.lenientModelEffect must be <= 0 and finite");
        }
    }

    private static void rate(String key, double value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(key + " must be strictly between 0 and 1, was " + value);
        }
    }

    /** The study's figures, plus the demo's documented choices for the rest. */
    public static CalibrationTargets defaults() {
        Map<TaskCategory, Double> pinned = new EnumMap<>(TaskCategory.class);
        pinned.put(TaskCategory.SYSTEM_HARDENING, 0.438);
        pinned.put(TaskCategory.MALWARE_ANALYSIS, 0.343);
        pinned.put(TaskCategory.LOG_ANALYSIS, 0.003);
        Map<TaskCategory, Double> offsets = new EnumMap<>(TaskCategory.class);
        offsets.put(TaskCategory.VULNERABILITY_ASSESSMENT, 0.2);
        offsets.put(TaskCategory.INCIDENT_RESPONSE, 0.3);
        offsets.put(TaskCategory.NETWORK_DEFENSE, 0.0);
        offsets.put(TaskCategory.THREAT_INTELLIGENCE, 0.2);
        offsets.put(TaskCategory.DETECTION_ENGINEERING, -0.3);
        offsets.put(TaskCategory.OTHER, 0.0);
        return new CalibrationTargets(pinned, offsets, 0.305, 0.112, 0.218, 0.116, -0.9, -3.5);
    }

    /** Logit offset of a category that is not pinned. */
    public double offsetOf(TaskCategory category) {
        return otherCategoryOffsets.getOrDefault(category, 0.0);
    }

    /**
     * The share of requests that must carry a free-text claim so that both claim rates and both
     * sensitive/neutral rates describe the same overall rate, given the share of sensitive requests.
     */
    public double claimShareFor(double sensitiveShare) {
        double overall = sensitiveShare * sensitiveRate + (1 - sensitiveShare) * neutralRate;
        double share = (overall - noClaimRate) / (claimRate - noClaimRate);
        return Math.max(0.0, Math.min(1.0, share));
    }
}
