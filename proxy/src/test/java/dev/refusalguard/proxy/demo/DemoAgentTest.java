package dev.refusalguard.proxy.demo;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DemoAgentTest {

    private static final int REQUESTS = 40;
    private static final long SEED = 3L;

    private static DemoUpstream upstream;
    private static RerouteTestProxy proxy;

    @BeforeAll
    static void start() throws IOException {
        upstream = DemoUpstream.start(DemoUpstreamConfig.defaults().withChunkDelay(Duration.ofMillis(1)));
        proxy = new RerouteTestProxy(upstream.baseUri());
    }

    @AfterAll
    static void stop() {
        proxy.close();
        upstream.close();
    }

    /** The expected counts, worked out request by request from the simulator's own decisions. */
    private record Expected(int refusedDirect, int recovered, int refusedInTheEnd, int offensive, int acted) {
    }

    private static Expected expected() {
        SimulatedModel model = upstream.model();
        int refusedDirect = 0;
        int recovered = 0;
        int refusedEnd = 0;
        int offensive = 0;
        int acted = 0;
        for (DemoAgent.Planned p : DemoAgent.plan(REQUESTS, SEED, DemoAgentOptions.defaults())) {
            DemoRequest r = p.request();
            offensive += r.prompt().offensive() ? 1 : 0;
            if (!model.decide(DemoUpstreamConfig.DEFAULT_MODEL, r.systemText(), r.userText(), r.features()).refusal()) {
                continue;
            }
            refusedDirect++;
            acted++;
            boolean offensiveText = OffensiveMarkers.isOffensive(r.userText());
            if (!offensiveText && !model.decide(DemoUpstreamConfig.LENIENT_MODEL, r.systemText(), r.userText(), r.features()).refusal()) {
                recovered++;
            } else {
                refusedEnd++;
            }
        }
        return new Expected(refusedDirect, recovered, refusedEnd, offensive, acted);
    }

    @Test
    void summaryCountsMatchTheSimulatorsDecisionsRequestByRequest() {
        DemoSummary s = DemoAgent.run(proxy.baseUri(), upstream.baseUri(), REQUESTS, 4, SEED);
        Expected e = expected();
        assertThat(s.requests()).isEqualTo(REQUESTS);
        assertThat(s.errors()).isZero();
        assertThat(s.exchanges()).noneMatch(x -> x.outcome() == AnswerOutcome.UNKNOWN);
        assertThat(s.refusalsWithoutProxy()).isEqualTo(e.refusedDirect()).isPositive();
        assertThat(s.refusalsDetected()).isEqualTo(e.acted());
        assertThat(s.missedRefusals()).isZero();
        assertThat(s.falseAlarms()).isZero();
        assertThat(s.recovered()).isEqualTo(e.recovered()).isPositive();
        assertThat(s.recoveredByStrategy()).isEqualTo(Map.of("reroute", e.recovered()));
        assertThat(s.refusedInTheEnd()).isEqualTo(e.refusedInTheEnd());
        assertThat(s.offensiveRequests()).isEqualTo(e.offensive());
        assertThat(s.refusalRateWithProxy()).isLessThan(s.refusalRateWithoutProxy());
        assertThat(s.streamingRequests()).isBetween(1, REQUESTS - 1);
        assertThat(s.exchanges()).filteredOn(DemoExchange::recovered)
                .allSatisfy(x -> assertThat(x.attempts()).isEqualTo(2));
    }

    @Test
    void sameSeedSendsTheSameRequestsInTheSameOrder() {
        List<String> a = DemoAgent.plan(30, 9L, DemoAgentOptions.defaults()).stream()
                .map(p -> p.request().id() + p.streaming()).toList();
        List<String> b = DemoAgent.plan(30, 9L, DemoAgentOptions.defaults()).stream()
                .map(p -> p.request().id() + p.streaming()).toList();
        assertThat(a).isEqualTo(b).doesNotHaveDuplicates();
    }

    @Test
    void reportPrintsTheTableWithSignalsAndStrategiesFromTheMetricsPage() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DemoSummary s;
        try (RerouteTestProxy fresh = new RerouteTestProxy(upstream.baseUri())) {
            s = DemoAgent.run(fresh.baseUri(), upstream.baseUri(), REQUESTS, 4, SEED);
            DemoReportPrinter.print(s, fresh.metricsUri(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        }
        String table = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(table);
        // No figure of 99 in the table (the metrics URL is left out: its random port may hold a 99).
        assertThat(table.replaceAll("https?://\\S+", "")).doesNotContain("99");
        assertThat(table)
                .contains("requests")
                .containsPattern("refusals detected\\s+" + s.refusalsDetected() + "  \\(upstream refused "
                        + s.refusalsWithoutProxy() + "; missed 0, false alarms 0\\)")
                .containsPattern("by signal\\s+.*plain_text")
                .containsPattern("recovered\\s+" + s.recovered())
                .containsPattern("by strategy\\s+reroute " + s.recovered())
                .containsPattern("refused in the end\\s+" + s.refusedInTheEnd())
                .contains("refusal rate without proxy", "refusal rate with proxy")
                .containsPattern("offensive, refusal stands: " + s.offensiveRefusedInTheEnd())
                .containsPattern("offensive answered \\(should be 0\\)\\s+0")
                .contains("/metrics");
        assertThat(s.offensiveRefusedInTheEnd()).isEqualTo(s.offensiveRequests()).isEqualTo(REQUESTS / DemoAgent.OFFENSIVE_EVERY);
    }

    @Test
    void agentAcceptsABaseUrlEndingInV1() {
        assertThat(DemoAgent.chatCompletions(java.net.URI.create("http://h:1/v1/")).toString())
                .isEqualTo("http://h:1/v1/chat/completions");
        assertThat(DemoAgent.chatCompletions(java.net.URI.create("http://h:1")).toString())
                .isEqualTo("http://h:1/v1/chat/completions");
    }
}
