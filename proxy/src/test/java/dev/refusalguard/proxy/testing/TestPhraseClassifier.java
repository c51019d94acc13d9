package dev.refusalguard.proxy.testing;

import dev.refusalguard.classifier.PrefixDecision;
import dev.refusalguard.classifier.PrefixVerdict;
import dev.refusalguard.classifier.RefusalClass;
import dev.refusalguard.classifier.RefusalClassifier;
import dev.refusalguard.classifier.RefusalVerdict;

/** Deterministic classifier for pipeline tests: "I can't" / "I cannot" openings are refusals. */
public final class TestPhraseClassifier implements RefusalClassifier {

    @Override
    public RefusalVerdict classify(String text) {
        String t = text.strip().toLowerCase();
        boolean refusal = t.startsWith("i can't") || t.startsWith("i cannot") || t.startsWith("sorry, i can");
        return new RefusalVerdict(refusal ? RefusalClass.HARD_REFUSAL : RefusalClass.COMPLIANCE, refusal ? 0.99 : 0.01,
                refusal);
    }

    @Override
    public PrefixVerdict classifyPrefix(String prefix, boolean complete) {
        RefusalVerdict v = classify(prefix);
        if (v.refusal()) {
            return new PrefixVerdict(PrefixDecision.REFUSAL, v);
        }
        return new PrefixVerdict(complete || prefix.length() >= 32 ? PrefixDecision.NOT_REFUSAL
                : PrefixDecision.UNDECIDED, v);
    }
}
