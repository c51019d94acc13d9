package dev.refusalguard.policies;

import java.util.concurrent.atomic.LongAdder;

/**
 * Decides whether a refused request may be recovered: only defensive requests, plus ambiguous ones when configured
 * (default: not). Offensive requests are never retried or rewritten, only counted. Thread-safe (counters are
 * {@link LongAdder}s).
 */
public final class IntentGate {

    private final boolean retryAmbiguous;
    private final LongAdder recover = new LongAdder();
    private final LongAdder deniedOffensive = new LongAdder();
    private final LongAdder deniedAmbiguous = new LongAdder();

    public IntentGate(boolean retryAmbiguous) {
        this.retryAmbiguous = retryAmbiguous;
    }

    /** Decides without counting. */
    public GateDecision decide(Intent intent) {
        return switch (intent) {
            case DEFENSIVE -> GateDecision.RECOVER;
            case OFFENSIVE -> GateDecision.DENY_OFFENSIVE;
            case AMBIGUOUS -> retryAmbiguous ? GateDecision.RECOVER : GateDecision.DENY_AMBIGUOUS;
        };
    }

    /** Decides for a refused request and counts the decision. */
    public GateDecision onRefusal(RequestAnalysis analysis) {
        GateDecision decision = decide(analysis.intent());
        switch (decision) {
            case RECOVER -> recover.increment();
            case DENY_OFFENSIVE -> deniedOffensive.increment();
            case DENY_AMBIGUOUS -> deniedAmbiguous.increment();
        }
        return decision;
    }

    /** True when a request with this analysis may be recovered (no counting). */
    public boolean mayRecover(RequestAnalysis analysis) {
        return decide(analysis.intent()).mayRecover();
    }

    public boolean retryAmbiguous() {
        return retryAmbiguous;
    }

    public long count(GateDecision decision) {
        return switch (decision) {
            case RECOVER -> recover.sum();
            case DENY_OFFENSIVE -> deniedOffensive.sum();
            case DENY_AMBIGUOUS -> deniedAmbiguous.sum();
        };
    }
}
