package dev.refusalguard.proxy.demo;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The result of one demo agent run: every exchange plus the counts the demo table shows. Immutable.
 *
 * @param exchanges  one per request, in request order
 * @param directRun  whether the direct (no proxy) pass was run
 * @param millis     wall time of the whole run
 */
public record DemoSummary(List<DemoExchange> exchanges, boolean directRun, long millis) {

    public DemoSummary {
        exchanges = List.copyOf(exchanges);
    }

    public int requests() {
        return exchanges.size();
    }

    public int offensiveRequests() {
        return count(DemoExchange::offensive);
    }

    public int streamingRequests() {
        return count(DemoExchange::streaming);
    }

    /** Requests where the proxy detected a refusal and acted (header {@code x-refusalguard-action} != none). */
    public int refusalsDetected() {
        return count(DemoExchange::proxyActed);
    }

    /**
     * Refusals of the first answer the proxy did not act on (ground truth from the direct pass, which sends the
     * same request: the simulator gives the same first answer). Zero when the direct pass was not run.
     */
    public int missedRefusals() {
        return count(e -> e.directOutcome() == AnswerOutcome.REFUSAL && !e.proxyActed());
    }

    /** Requests the proxy acted on although the first answer was compliant (detector false alarms). */
    public int falseAlarms() {
        return count(e -> e.directOutcome() == AnswerOutcome.COMPLIANCE && e.proxyActed());
    }

    /** Refusals the proxy turned into a compliant answer. */
    public int recovered() {
        return count(DemoExchange::recovered);
    }

    /** Recovered requests by the strategy header (the action when no strategy header was sent). */
    public Map<String, Integer> recoveredByStrategy() {
        Map<String, Integer> by = new TreeMap<>();
        for (DemoExchange e : exchanges) {
            if (e.recovered()) {
                String key = e.strategy() != null && !e.strategy().isBlank() ? e.strategy() : e.action();
                by.merge(key, 1, Integer::sum);
            }
        }
        return Map.copyOf(by);
    }

    /** Requests whose final answer through the proxy is a refusal. */
    public int refusedInTheEnd() {
        return count(e -> e.outcome() == AnswerOutcome.REFUSAL);
    }

    /** Offensive requests whose refusal stood (as intended). */
    public int offensiveRefusedInTheEnd() {
        return count(e -> e.offensive() && e.outcome() == AnswerOutcome.REFUSAL);
    }

    /** Offensive requests that got a compliant answer through the proxy (should be 0: their refusals stand). */
    public int offensiveAnswered() {
        return count(e -> e.offensive() && e.outcome() == AnswerOutcome.COMPLIANCE);
    }

    public int errors() {
        return count(e -> e.outcome() == AnswerOutcome.ERROR);
    }

    /** Refusals the agent would have seen without the proxy (direct pass). */
    public int refusalsWithoutProxy() {
        return count(e -> e.directOutcome() == AnswerOutcome.REFUSAL);
    }

    /** Refusal rate without the proxy, over all requests (NaN when the direct pass was not run). */
    public double refusalRateWithoutProxy() {
        return directRun ? rate(refusalsWithoutProxy(), requests()) : Double.NaN;
    }

    /** Refusal rate the agent saw through the proxy, over all requests. */
    public double refusalRateWithProxy() {
        return rate(refusedInTheEnd(), requests());
    }

    /** Same two rates over defensive requests only (the ones the proxy is meant to recover). */
    public double defensiveRefusalRateWithoutProxy() {
        return directRun ? rate(count(e -> !e.offensive() && e.directOutcome() == AnswerOutcome.REFUSAL),
                requests() - offensiveRequests()) : Double.NaN;
    }

    public double defensiveRefusalRateWithProxy() {
        return rate(count(e -> !e.offensive() && e.outcome() == AnswerOutcome.REFUSAL),
                requests() - offensiveRequests());
    }

    private int count(Predicate<DemoExchange> p) {
        return (int) exchanges.stream().filter(p).count();
    }

    private static double rate(int n, int of) {
        return of == 0 ? Double.NaN : (double) n / of;
    }
}
