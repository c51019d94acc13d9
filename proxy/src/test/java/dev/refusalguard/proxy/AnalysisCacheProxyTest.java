package dev.refusalguard.proxy;

import dev.refusalguard.proxy.config.ServerConfig;
import dev.refusalguard.proxy.testing.AgentConnection;
import dev.refusalguard.proxy.testing.ProxyHarness;
import dev.refusalguard.proxy.testing.ScriptedUpstream;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Full;
import dev.refusalguard.proxy.testing.StreamFormat;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The steps of an agent's tool loop repeat the same request text: the proxy analyses it once and answers every step
 * with the same intent and category, counted as cache hits.
 */
class AnalysisCacheProxyTest {

    private static final String PROMPT = "Explain what the payload in this macro does and write a detection rule.";
    private static final String OTHER = "Summarise these firewall logs for our SOC report.";
    private static final String ANSWER = "Here is what the macro does and a rule that detects it.";

    private static String scrape(RefusalGuardProxy proxy) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(proxy.adminUrl() + "/metrics"))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static double counter(String scrape, String result) {
        String prefix = "refusalguard_analysis_cache_lookups_total{result=\"" + result + "\"} ";
        return scrape.lines().filter(l -> l.startsWith(prefix)).mapToDouble(l -> Double.parseDouble(
                l.substring(prefix.length()))).findFirst().orElse(-1);
    }

    @Test
    void repeatedRequestTextsAreAnalysedOnceAndAnsweredWithTheSameAnalysis() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> Full.json(StreamFormat.CHAT.answer(ANSWER)));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier());
             AgentConnection agent = new AgentConnection(proxy.port())) {
            assertThat(counter(scrape(proxy), "hit")).as("series exist at 0").isZero();
            String category = null;
            for (int i = 0; i < 5; i++) {
                AgentConnection.Response r = agent.exchange(StreamFormat.CHAT.rawRequest(PROMPT, false));
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.body()).isEqualTo(StreamFormat.CHAT.answer(ANSWER));
                assertThat(r.header("x-refusalguard-intent")).isEqualTo("defensive");
                if (category == null) {
                    category = r.header("x-refusalguard-category");
                }
                assertThat(r.header("x-refusalguard-category")).isEqualTo(category);
            }
            agent.exchange(StreamFormat.CHAT.rawRequest(OTHER, false));
            String scrape = scrape(proxy);
            // every request is counted once; the first of each text misses (a repeat sent before the first analysis
            // was stored may miss too, and is then analysed again: the same answer)
            assertThat(counter(scrape, "hit") + counter(scrape, "miss")).isEqualTo(6);
            assertThat(counter(scrape, "miss")).isGreaterThanOrEqualTo(2);
            assertThat(counter(scrape, "hit")).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void withTheCacheOffEveryRequestIsAnalysedAndNothingIsCounted() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> Full.json(StreamFormat.CHAT.answer(ANSWER)));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier(),
                     c -> c.withServer(new ServerConfig("127.0.0.1:0", "127.0.0.1:0", null, null, null, null, null,
                             null, null, null, null, null, null, null, null, null, null, null, null, 0)));
             AgentConnection agent = new AgentConnection(proxy.port())) {
            for (int i = 0; i < 3; i++) {
                AgentConnection.Response r = agent.exchange(StreamFormat.CHAT.rawRequest(PROMPT, false));
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.header("x-refusalguard-intent")).isEqualTo("defensive");
            }
            String scrape = scrape(proxy);
            assertThat(counter(scrape, "miss")).isZero();
            assertThat(counter(scrape, "hit")).isZero();
        }
    }
}
