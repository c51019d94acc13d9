package dev.refusalguard.proxy.detect;

import dev.refusalguard.classifier.PrefixDecision;
import dev.refusalguard.classifier.PrefixVerdict;
import dev.refusalguard.classifier.RefusalClassifier;
import dev.refusalguard.classifier.RefusalVerdict;
import dev.refusalguard.proxy.api.AnswerInspection;
import dev.refusalguard.proxy.config.DetectionConfig;
import dev.refusalguard.proxy.metrics.ProxyMetrics;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Signals first (free and exact), then the text classifier on the inference executor. Futures complete on the
 * executor; callers hop back to their event loop.
 */
public final class RefusalDetector {

    private static final Set<String> NORMAL_FINISH = Set.of("stop", "end_turn", "stop_sequence", "completed");

    private final RefusalClassifier classifier;
    private final InferenceExecutor executor;
    private final DetectionConfig config;
    private final ProxyMetrics metrics;

    public RefusalDetector(RefusalClassifier classifier, InferenceExecutor executor, DetectionConfig config,
                           ProxyMetrics metrics) {
        this.classifier = classifier;
        this.executor = executor;
        this.config = config;
        this.metrics = metrics;
    }

    /** Verdict on a complete answer. */
    public CompletableFuture<Detection> judge(AnswerInspection answer) {
        return judge(answer, null);
    }

    /**
     * Verdict on a complete answer; when the classifier is needed, its task first runs {@code alongside} (a queued
     * task of the same exchange that the verdict then waits for anyway, such as the request's analysis, or null), so
     * the future completes after both.
     */
    public CompletableFuture<Detection> judge(AnswerInspection answer, Runnable alongside) {
        if (answer.signal() != null) {
            return CompletableFuture.completedFuture(Detection.bySignal(answer.signal()));
        }
        if (answer.toolCall()) {
            return CompletableFuture.completedFuture(Detection.NOT_REFUSAL);
        }
        if (answer.empty()) {
            boolean refusal = config.emptyContentIsRefusal()
                    && (answer.finishReason() == null || NORMAL_FINISH.contains(answer.finishReason()));
            return CompletableFuture.completedFuture(refusal ? Detection.bySignal(RefusalSignal.EMPTY_CONTENT)
                    : Detection.NOT_REFUSAL);
        }
        String text = clip(answer.text());
        return executor.submit(() -> {
            runAlongside(alongside);
            long t0 = System.nanoTime();
            RefusalVerdict v = classifier.classify(text);
            metrics.classifierTime("full", System.nanoTime() - t0);
            return toDetection(v);
        }).exceptionally(e -> Detection.NOT_REFUSAL);
    }

    /** Verdict on the opening of a stream; never UNDECIDED when {@code complete}. */
    public CompletableFuture<PrefixVerdict> judgePrefix(String prefix, boolean complete) {
        return judgePrefix(prefix, complete, null);
    }

    /** As {@link #judgePrefix(String, boolean)}, running {@code alongside} first as {@link #judge(AnswerInspection, Runnable)} does. */
    public CompletableFuture<PrefixVerdict> judgePrefix(String prefix, boolean complete, Runnable alongside) {
        return executor.submit(() -> {
            runAlongside(alongside);
            long t0 = System.nanoTime();
            PrefixVerdict v = classifier.classifyPrefix(prefix, complete);
            metrics.classifierTime("prefix", System.nanoTime() - t0);
            return v;
        });
    }

    /** A failure of the other task is its own (its future holds it); the verdict goes on. */
    private static void runAlongside(Runnable alongside) {
        if (alongside == null) {
            return;
        }
        try {
            alongside.run();
        } catch (RuntimeException e) {
            // SharedInferenceTask keeps its failures in its own future; anything else must not cost the verdict.
        }
    }

    public Detection toDetection(RefusalVerdict v) {
        boolean refusal = config.actOn().contains(v.label());
        return new Detection(refusal, refusal ? RefusalSignal.CLASSIFIER : null, v.label().wireName(),
                v.refusalScore());
    }

    public boolean isRefusal(PrefixVerdict v) {
        return v.decision() == PrefixDecision.REFUSAL && config.actOn().contains(v.verdict().label())
                || v.decision() == PrefixDecision.REFUSAL && v.verdict().refusal();
    }

    private String clip(String text) {
        int max = config.classifyTextChars();
        return text.length() <= max ? text : text.substring(0, max);
    }
}
