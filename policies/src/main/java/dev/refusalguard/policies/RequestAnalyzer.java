package dev.refusalguard.policies;

import dev.refusalguard.policies.model.DefaultRequestModels;

/**
 * Analyses a request before it is answered: task category, sensitive terms, free-text authorization claim and
 * intent. The proxy passes the last user message, optionally prefixed by the system prompt. Immutable and
 * thread-safe.
 */
public final class RequestAnalyzer {

    private final Rephraser rephraser;
    private final CategoryModel categoryModel;
    private final IntentModel intentModel;
    private final AuthorizationClaimDetector claimDetector;
    private final IntentThresholds thresholds;

    public RequestAnalyzer(Rephraser rephraser, CategoryModel categoryModel, IntentModel intentModel,
                           AuthorizationClaimDetector claimDetector, IntentThresholds thresholds) {
        this.rephraser = require(rephraser, "rephraser");
        this.categoryModel = require(categoryModel, "categoryModel");
        this.intentModel = require(intentModel, "intentModel");
        this.claimDetector = require(claimDetector, "claimDetector");
        this.thresholds = require(thresholds, "thresholds");
    }

    /** The default lexicon, models and thresholds shipped in the jar. */
    public static RequestAnalyzer loadDefault() {
        return create(SensitiveTermLexicon.loadDefault(), IntentThresholds.DEFAULT);
    }

    /**
     * The shipped models with a given lexicon and thresholds: the trained ONNX intent model with the intent rules
     * as a one-way (more offensive only) override, and the trained ONNX category model blended with the category rules (see policies/data/TRAINING_REPORT.md, docs/policies.md).
     */
    public static RequestAnalyzer create(SensitiveTermLexicon lexicon, IntentThresholds thresholds) {
        return new RequestAnalyzer(new Rephraser(lexicon),
                new BlendedCategoryModel(DefaultRequestModels.category(), new CategoryRules(), BlendedCategoryModel.DEFAULT_RULE_WEIGHT),
                new CombinedIntentModel(DefaultRequestModels.intent(), new IntentRules(), CombinedIntentModel.DEFAULT_RULE_OVERRIDE_AT),
                new AuthorizationClaimDetector(), thresholds);
    }

    /** The transparent rules alone ({@link CategoryRules}, {@link IntentRules}), for comparison and tests. */
    public static RequestAnalyzer rulesOnly(SensitiveTermLexicon lexicon, IntentThresholds thresholds) {
        return new RequestAnalyzer(new Rephraser(lexicon), new CategoryRules(), new IntentRules(),
                new AuthorizationClaimDetector(), thresholds);
    }

    public RequestAnalysis analyze(String requestText) {
        String text = requestText == null ? "" : requestText;
        CategoryPrediction category = text.isBlank()
                ? new CategoryPrediction(TaskCategory.OTHER, 1.0) : categoryModel.predict(text);
        double offensiveScore = clamp(intentModel.offensiveScore(text));
        String undisguised = UndisguisedText.of(text);
        if (undisguised != text) {
            // One way: hidden or look-alike characters can make a request more offensive, never less.
            offensiveScore = Math.max(offensiveScore, clamp(intentModel.offensiveScore(undisguised)));
        }
        Intent intent = thresholds.intentOf(offensiveScore);
        return new RequestAnalysis(category.category(), rephraser.sensitiveTerms(text), claimDetector.claimPresent(text),
                intent, clamp(thresholds.confidenceOf(offensiveScore)));
    }

    public Rephraser rephraser() {
        return rephraser;
    }

    private static double clamp(double v) {
        return Double.isNaN(v) ? 0.5 : Math.max(0.0, Math.min(1.0, v));
    }

    private static <T> T require(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + ": required");
        }
        return value;
    }
}
