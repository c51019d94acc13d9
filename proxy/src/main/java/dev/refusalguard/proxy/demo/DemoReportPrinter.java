package dev.refusalguard.proxy.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Prints the demo table. Refusals by signal and recoveries by strategy come from the proxy's Prometheus
 * page when its URL is given and it answers; otherwise from the response headers the agent recorded.
 *
 * <p>Meters read (Prometheus names as the proxy's {@code MeterCatalogue} declares them):
 * {@value #REFUSALS_METER} summed by label {@value #SIGNAL_LABEL}; {@value #RECOVERY_ATTEMPTS_METER} summed by
 * label {@value #STRATEGY_LABEL} over samples whose {@value #RESULT_LABEL} is {@value #RECOVERED_RESULT};
 * {@value #OUTCOMES_METER} summed by label {@value #OUTCOME_LABEL}.
 */
public final class DemoReportPrinter {

    public static final String REFUSALS_METER = "refusalguard_refusals_total";
    public static final String RECOVERY_ATTEMPTS_METER = "refusalguard_recovery_attempts_total";
    public static final String OUTCOMES_METER = "refusalguard_outcomes_total";
    public static final String SIGNAL_LABEL = "signal";
    public static final String OUTCOME_LABEL = "outcome";
    public static final String STRATEGY_LABEL = "strategy";
    public static final String RESULT_LABEL = "result";
    public static final String RECOVERED_RESULT = "recovered";

    private DemoReportPrinter() {
    }

    /** Fetches the metrics page (when {@code metricsUrl} is not null) and prints the table. */
    public static void print(DemoSummary summary, URI metricsUrl, PrintStream out) {
        String metrics = metricsUrl == null ? null : fetch(metricsUrl);
        print(summary, metrics, metricsUrl, out);
    }

    /**
     * As {@link #print(DemoSummary, URI, PrintStream)}, for a proxy about to stop: the figures come from its metrics
     * page, and the last row says the page goes with the proxy instead of printing its address.
     */
    public static void printBeforeExit(DemoSummary summary, URI metricsUrl, PrintStream out) {
        print(summary, fetch(metricsUrl), null, out);
    }

    /** Prints the table from a summary and an already fetched metrics page (null when unavailable). */
    public static void print(DemoSummary summary, String metricsText, URI metricsUrl, PrintStream out) {
        PrometheusText metrics = metricsText == null ? null : PrometheusText.parse(metricsText);
        boolean fromMetrics = metrics != null && metrics.has(REFUSALS_METER);
        int n = summary.requests();
        out.println("RefusalGuard demo: an agent sending real defensive requests to a SIMULATED model (docs/demo.md)");
        row(out, "requests", n + String.format(Locale.ROOT, "  (%d defensive, %d offensive; %d streamed)",
                n - summary.offensiveRequests(), summary.offensiveRequests(), summary.streamingRequests()));
        row(out, "refusals detected", summary.refusalsDetected() + (summary.directRun()
                ? String.format(Locale.ROOT, "  (upstream refused %d; missed %d, false alarms %d)",
                        summary.refusalsWithoutProxy(), summary.missedRefusals(), summary.falseAlarms())
                : ""));
        if (fromMetrics) {
            Map<String, Double> bySignal = metrics.sumBy(REFUSALS_METER, SIGNAL_LABEL, l -> true);
            row(out, "  by signal", join(bySignal) + "  (proxy metrics)");
        } else {
            row(out, "  by signal", "n/a (no metrics page; counted from response headers)");
        }
        row(out, "recovered", Integer.toString(summary.recovered()));
        Map<String, ? extends Number> byStrategy = summary.recoveredByStrategy();
        if (metrics != null && metrics.has(RECOVERY_ATTEMPTS_METER)) {
            byStrategy = metrics.sumBy(RECOVERY_ATTEMPTS_METER, STRATEGY_LABEL,
                    l -> RECOVERED_RESULT.equals(l.get(RESULT_LABEL)));
            row(out, "  by strategy", join(byStrategy) + "  (proxy metrics)");
        } else {
            row(out, "  by strategy", join(byStrategy) + "  (response headers)");
        }
        row(out, "refused in the end", summary.refusedInTheEnd() + String.format(Locale.ROOT,
                "  (offensive, refusal stands: %d; defensive: %d)", summary.offensiveRefusedInTheEnd(),
                summary.refusedInTheEnd() - summary.offensiveRefusedInTheEnd()));
        row(out, "offensive answered (should be 0)", Integer.toString(summary.offensiveAnswered()));
        if (metrics != null && metrics.has(OUTCOMES_METER)) {
            row(out, "final outcomes", join(metrics.sumBy(OUTCOMES_METER, OUTCOME_LABEL, l -> true))
                    + "  (proxy metrics)");
        }
        if (summary.directRun()) {
            row(out, "refusal rate without proxy", pct(summary.refusalRateWithoutProxy())
                    + "  (" + summary.refusalsWithoutProxy() + "/" + n + ")");
        } else {
            row(out, "refusal rate without proxy", "n/a (direct pass not run)");
        }
        row(out, "refusal rate with proxy", pct(summary.refusalRateWithProxy())
                + "  (" + summary.refusedInTheEnd() + "/" + n + ")");
        row(out, "defensive only, without -> with", pct(summary.defensiveRefusalRateWithoutProxy()) + " -> "
                + pct(summary.defensiveRefusalRateWithProxy()));
        row(out, "errors", Integer.toString(summary.errors()));
        row(out, "metrics", metricsUrl == null ? "(the proxy stops with --exit; run without it to keep /metrics and /bias)"
                : metricsUrl.toString());
    }

    private static void row(PrintStream out, String label, String value) {
        out.printf(Locale.ROOT, "  %-33s %s%n", label, value);
    }

    private static String pct(double rate) {
        return Double.isNaN(rate) ? "n/a" : String.format(Locale.ROOT, "%.1f %%", 100 * rate);
    }

    private static String join(Map<String, ? extends Number> counts) {
        if (counts.isEmpty()) {
            return "none";
        }
        return counts.entrySet().stream()
                .map(e -> (e.getKey().isEmpty() ? "unlabelled" : e.getKey()) + " "
                        + Math.round(e.getValue().doubleValue()))
                .collect(Collectors.joining(", "));
    }

    private static String fetch(URI url) {
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
