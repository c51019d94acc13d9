package dev.refusalguard.policies;

/**
 * The shipped intent model. First, a request with a hard offensive cue ({@link HardOffensiveCues}: asking for working
 * malware, for code that evades defences, steals credentials or exfiltrates covertly, or to steal someone's
 * credentials) scores 1.0, so it is OFFENSIVE under any thresholds, whatever defensive purpose it states and whatever
 * the trained model says. Otherwise: the trained model's offensive score, raised to the {@link IntentRules} score
 * when the rules are at least {@code ruleOverrideAt} sure the request is offensive. The rules can only make a request
 * look more offensive, never less, so they cannot launder an attack past the gate. The cut (0.9) was chosen on the
 * validation slice of the training rows. Thread-safe.
 */
public final class CombinedIntentModel implements IntentModel {

    public static final double DEFAULT_RULE_OVERRIDE_AT = 0.9;

    private final IntentModel model;
    private final IntentRules rules;
    private final double ruleOverrideAt;

    public CombinedIntentModel(IntentModel model, IntentRules rules, double ruleOverrideAt) {
        if (!(ruleOverrideAt > 0 && ruleOverrideAt <= 1)) {
            throw new IllegalArgumentException("ruleOverrideAt: must be within (0, 1], was " + ruleOverrideAt);
        }
        this.model = model;
        this.rules = rules;
        this.ruleOverrideAt = ruleOverrideAt;
    }

    @Override
    public double offensiveScore(String requestText) {
        if (!rules.hardOffensiveCues(requestText).isEmpty()) {
            return 1.0;
        }
        double m = model.offensiveScore(requestText);
        double r = rules.weightedScore(requestText);
        return r >= ruleOverrideAt ? Math.max(m, r) : m;
    }
}
