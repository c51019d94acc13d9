package dev.refusalguard.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refusalguard.proxy.cli.DefaultParts;
import dev.refusalguard.proxy.testing.OpenAiReplies;
import dev.refusalguard.proxy.testing.ProxyHarness;
import dev.refusalguard.proxy.testing.ScriptedUpstream;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Full;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Hang;
import dev.refusalguard.proxy.testing.StreamFormat;
import io.micrometer.core.instrument.Counter;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request that ends before its first answer got a verdict (the agent disconnected, or the upstream never
 * answered) is counted in refusalguard_outcomes_total, but neither in refusalguard_requests_total nor in /bias's
 * requests: in a refusal rate's denominator it would dilute the rate, and the two must agree with the PromQL.
 */
class UnjudgedRequestCountingTest {

    private static final String PROMPT = "Summarise these firewall logs for our SOC report.";

    private static double count(RefusalGuardProxy proxy, String meter, String... tags) {
        var search = proxy.registry().find(meter);
        for (int i = 0; i < tags.length; i += 2) {
            search = search.tag(tags[i], tags[i + 1]);
        }
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }

    private static void await(RefusalGuardProxy proxy, String outcome, double n) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (count(proxy, "refusalguard_outcomes", "outcome", outcome) < n && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(count(proxy, "refusalguard_outcomes", "outcome", outcome)).isEqualTo(n);
    }

    @Test
    void anAgentThatLeavesBeforeTheVerdictDilutesNoRefusalRate() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> r.body().contains("leave")
                ? new Hang() : Full.json(OpenAiReplies.completion("I'm sorry, but I can't help with that.")));
             // The production parts: the /bias tracker is fed by the exchange listener.
             RefusalGuardProxy proxy = DefaultParts.start(ProxyHarness.config(upstream.baseUrl()))) {
            HttpClient http = HttpClient.newHttpClient();
            // One judged request: refused.
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(proxy.baseUrl()
                    + "/v1/chat/completions")).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(StreamFormat.CHAT.body(PROMPT, false))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(200);
            // Two agents that leave while the upstream is still thinking.
            for (int i = 0; i < 2; i++) {
                try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
                    socket.getOutputStream().write(StreamFormat.CHAT.rawRequest(PROMPT + " leave " + i, i == 1));
                    socket.getOutputStream().flush();
                    long end = System.nanoTime() + 10_000_000_000L;
                    while (upstream.received().size() < i + 2 && System.nanoTime() < end) {
                        Thread.sleep(5);
                    }
                }
            }
            await(proxy, "client_closed", 2);
            assertThat(count(proxy, "refusalguard_requests")).isEqualTo(1.0);
            assertThat(count(proxy, "refusalguard_refusals")).isEqualTo(1.0);

            JsonNode bias = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(
                    URI.create(proxy.adminUrl() + "/bias")).build(), HttpResponse.BodyHandlers.ofString()).body());
            JsonNode since = bias.path("since_start");
            assertThat(since.path("requests").asLong()).isEqualTo(1);
            assertThat(since.path("refusal_rate").path("rate").asDouble()).isEqualTo(1.0);
            assertThat(since.path("outcomes").path("client_closed").asLong()).isEqualTo(2);
        }
    }
}
