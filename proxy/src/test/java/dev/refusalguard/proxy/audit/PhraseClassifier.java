package dev.refusalguard.proxy.audit;

import dev.refusalguard.classifier.PrefixDecision;
import dev.refusalguard.classifier.PrefixVerdict;
import dev.refusalguard.classifier.RefusalClass;
import dev.refusalguard.classifier.RefusalClassifier;
import dev.refusalguard.classifier.RefusalVerdict;

/** Test classifier: an answer opening with "I can't" is a hard refusal. */
final class PhraseClassifier implements RefusalClassifier {

    @Override
    public RefusalVerdict classify(String text) {
        boolean refusal = text.startsWith("I can't");
        return new RefusalVerdict(refusal ? RefusalClass.HARD_REFUSAL : RefusalClass.COMPLIANCE, refusal ? 0.95 : 0.05,
                refusal);
    }

    @Override
    public PrefixVerdict classifyPrefix(String prefix, boolean complete) {
        RefusalVerdict verdict = classify(prefix);
        return new PrefixVerdict(verdict.refusal() ? PrefixDecision.REFUSAL : PrefixDecision.NOT_REFUSAL, verdict);
    }
}
