package dev.refusalguard.proxy.audit;

import dev.refusalguard.classifier.RefusalClassifier;
import dev.refusalguard.classifier.RefusalVerdict;

/** Decides whether an answer is a refusal: provider signals first (exact), then the text classifier. */
final class RefusalJudge {

    /**
     * @param refused      the answer is a refusal
     * @param signal       what decided: a provider signal name or {@code classifier}; null when not refused
     * @param refusalClass classifier class wire name (provider signals count as hard_refusal)
     * @param score        classifier refusal score (1.0 for provider signals)
     */
    record Judgement(boolean refused, String signal, String refusalClass, double score) {
    }

    private final RefusalClassifier classifier;

    RefusalJudge(RefusalClassifier classifier) {
        this.classifier = classifier;
    }

    Judgement judge(UpstreamAnswer answer) {
        if (answer.providerSignal() != null) {
            return new Judgement(true, answer.providerSignal(), "hard_refusal", 1.0);
        }
        if (answer.toolCall() && answer.text().isBlank()) {
            return new Judgement(false, null, "compliance", 0.0);
        }
        RefusalVerdict verdict = classifier.classify(answer.text());
        return new Judgement(verdict.refusal(), verdict.refusal() ? "classifier" : null, verdict.label().wireName(),
                verdict.refusalScore());
    }
}
