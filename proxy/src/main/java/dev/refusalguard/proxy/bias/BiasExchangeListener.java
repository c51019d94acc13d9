package dev.refusalguard.proxy.bias;

import dev.refusalguard.policies.Intent;
import dev.refusalguard.policies.RequestAnalysis;
import dev.refusalguard.policies.TaskCategory;
import dev.refusalguard.proxy.exchange.ExchangeSummary;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * Feeds finished exchanges to a {@link BiasTracker}: plug it in as {@code ExchangeServices.exchangeListener}.
 * Runs on the event loop that finished the exchange; it only does atomic increments, never blocks.
 */
public final class BiasExchangeListener implements Consumer<ExchangeSummary> {

    private final BiasTracker tracker;
    private final Clock clock;

    public BiasExchangeListener(BiasTracker tracker, Clock clock) {
        this.tracker = tracker;
        this.clock = clock;
    }

    @Override
    public void accept(ExchangeSummary summary) {
        tracker.record(toRecord(summary, clock.millis()));
    }

    /** The tracker's view of one exchange; a request whose analysis failed counts as category other, neutral. */
    static ExchangeRecord toRecord(ExchangeSummary summary, long epochMillis) {
        RequestAnalysis analysis = summary.analysis();
        TaskCategory category = analysis == null ? TaskCategory.OTHER : analysis.category();
        Intent intent = analysis == null ? Intent.AMBIGUOUS : analysis.intent();
        List<String> strategies = summary.strategies() == null ? List.of() : summary.strategies();
        String lastStrategy = strategies.isEmpty() ? null : strategies.get(strategies.size() - 1);
        boolean recovered = "recovered".equals(summary.outcome()) && lastStrategy != null;
        boolean refused = summary.firstRefused();
        return new ExchangeRecord(epochMillis, summary.api(), summary.model(), category,
                analysis != null && analysis.sensitive(), analysis != null && analysis.authorizationClaim(), intent,
                summary.judged(), refused, refused ? (summary.firstSignal() == null ? BiasTracker.OTHER : summary.firstSignal()) : null,
                lastStrategy, recovered, summary.outcome() == null ? "error" : summary.outcome());
    }
}
