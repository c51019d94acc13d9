package dev.refusalguard.benchmarks;

import dev.refusalguard.proxy.RefusalGuardProxy;
import dev.refusalguard.proxy.cli.DefaultParts;
import dev.refusalguard.proxy.cli.DemoCommand;
import dev.refusalguard.proxy.demo.CalibrationTargets;
import dev.refusalguard.proxy.demo.DemoAgent;
import dev.refusalguard.proxy.demo.DemoAgentOptions;
import dev.refusalguard.proxy.demo.DemoExchange;
import dev.refusalguard.proxy.demo.DemoSummary;
import dev.refusalguard.proxy.demo.DemoUpstream;
import dev.refusalguard.proxy.demo.DemoUpstreamConfig;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fixed chain vs adaptive (Thompson sampling) strategy selection against the demo simulator: the same request
 * sequence through a fresh proxy in each mode, sequentially so the adaptive selector learns in request order.
 * Prints, per block of requests, the mean number of extra upstream attempts per recovered request (the learning
 * curve) and the recovery rate. The recovery memory is off so that only the selector's learning shows.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.refusalguard.benchmarks.AdaptiveSelectionExperiment
 * [requests] [block]} (defaults 1200, 200).
 */
public final class AdaptiveSelectionExperiment {

    private AdaptiveSelectionExperiment() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 1200;
        int block = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        List<List<DemoExchange>> runs = new ArrayList<>();
        for (String mode : List.of("chain", "adaptive")) {
            try (DemoUpstream upstream = DemoUpstream.start(DemoUpstreamConfig.defaults())) {
                RefusalGuardProxy proxy = DefaultParts.start(DemoCommand.config(upstream.baseUri(), "127.0.0.1:0",
                        "127.0.0.1:0", mode, false));
                try {
                    DemoAgentOptions options = new DemoAgentOptions(DemoUpstreamConfig.DEFAULT_MODEL, 0.0,
                            Duration.ofSeconds(60), CalibrationTargets.defaults());
                    DemoSummary summary = DemoAgent.run(URI.create(proxy.baseUrl()), null, requests, 1, 11L,
                            options);
                    runs.add(summary.exchanges());
                } finally {
                    proxy.close();
                }
            }
        }
        System.out.println("block      | chain: extra attempts per recovery (recovered/refused) | adaptive: same");
        for (int from = 0; from < requests; from += block) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%4d-%-5d", from + 1,
                    Math.min(requests, from + block)));
            for (List<DemoExchange> run : runs) {
                List<DemoExchange> slice = run.subList(from, Math.min(run.size(), from + block));
                int recovered = 0;
                int extra = 0;
                int refusedFirst = 0;
                for (DemoExchange e : slice) {
                    if (e.proxyActed() || e.attempts() > 1) {
                        refusedFirst++;
                    }
                    if (e.recovered()) {
                        recovered++;
                        extra += Math.max(0, e.attempts() - 1);
                    }
                }
                line.append(String.format(Locale.ROOT, " | %.2f (%d/%d)", recovered == 0 ? 0.0
                        : (double) extra / recovered, recovered, refusedFirst));
            }
            System.out.println(line);
        }
        for (int i = 0; i < runs.size(); i++) {
            List<DemoExchange> run = runs.get(i);
            long recovered = run.stream().filter(DemoExchange::recovered).count();
            double extra = run.stream().filter(DemoExchange::recovered).mapToInt(e -> e.attempts() - 1).average()
                    .orElse(0);
            int[] sorted = run.stream().filter(DemoExchange::recovered).mapToInt(DemoExchange::attempts).sorted()
                    .toArray();
            int median = sorted.length == 0 ? 0 : sorted[(sorted.length - 1) / 2];
            int p90 = sorted.length == 0 ? 0 : sorted[(int) Math.ceil(sorted.length * 0.9) - 1];
            int max = sorted.length == 0 ? 0 : sorted[sorted.length - 1];
            System.out.printf(Locale.ROOT, "%s: recovered %d, mean extra attempts per recovery %.3f;"
                            + " upstream attempts per recovered request: median %d, p90 %d, max %d%n",
                    i == 0 ? "chain" : "adaptive", recovered, extra, median, p90, max);
        }
    }
}
