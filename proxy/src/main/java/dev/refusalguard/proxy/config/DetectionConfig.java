package dev.refusalguard.proxy.config;

import dev.refusalguard.classifier.RefusalClass;
import dev.refusalguard.classifier.RefusalVerdict;

import java.util.Set;

/**
 * Refusal detection settings.
 *
 * @param actOn                  refusal classes the proxy acts on (default hard_refusal, soft_refusal)
 * @param emptyContentIsRefusal  an answer with no text, no tool call and a refusal-like finish counts as a refusal
 * @param classifyTextChars      characters of a full answer given to the classifier (its opening; default 2048)
 */
public record DetectionConfig(Set<RefusalClass> actOn, Boolean emptyContentIsRefusal, Integer classifyTextChars) {

    public DetectionConfig {
        actOn = actOn == null ? RefusalVerdict.DEFAULT_ACT_ON : Set.copyOf(actOn);
        emptyContentIsRefusal = emptyContentIsRefusal == null || emptyContentIsRefusal;
        classifyTextChars = classifyTextChars == null ? 2048 : classifyTextChars;
        if (actOn.contains(RefusalClass.COMPLIANCE)) {
            throw new InvalidConfigException("detection.actOn", "must not contain compliance");
        }
        ConfigChecks.range("detection.classifyTextChars", classifyTextChars, 16, 1_000_000);
    }

    public static DetectionConfig defaults() {
        return new DetectionConfig(null, null, null);
    }
}
