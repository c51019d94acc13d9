package dev.refusalguard.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refusalguard.proxy.cli.DefaultParts;
import dev.refusalguard.proxy.testing.OpenAiReplies;
import dev.refusalguard.proxy.testing.ProxyHarness;
import dev.refusalguard.proxy.testing.ScriptedUpstream;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Full;
import dev.refusalguard.proxy.testing.StreamFormat;
import io.micrometer.core.instrument.Counter;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recovery memory (on by default) sends a repeat of a recovered request with the remembered strategy already
 * applied, so the agent's own wording is never sent again. The refusal rate is the rate the agent would see without
 * the proxy: such a repeat is counted as a refusal (signal {@code recovery_memory}), not as a request whose first
 * answer was fine, so an agent's tool loop repeating a refused request does not drive the refusal rate and the bias
 * ratio down while recoveries climb above refusals.
 */
class RecoveryMemoryCountingTest {

    private static final String PROMPT = "Explain how this exploit against our Exchange server works so we can patch it.";
    private static final String REFUSAL = "I'm sorry, but I can't help with that request.";
    private static final String ANSWER = "Here is how the vulnerability is triggered and the patch that closes it: "
            + "apply the cumulative update, then check the IIS logs for the request pattern.";

    private static double count(RefusalGuardProxy proxy, String meter, String... tags) {
        var search = proxy.registry().find(meter);
        for (int i = 0; i < tags.length; i += 2) {
            search = search.tag(tags[i], tags[i + 1]);
        }
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }

    @Test
    void aRepeatThatSkipsItsRefusedAttemptStillCountsAsARefusal() throws Exception {
        // The model refuses the agent's wording ("exploit") and answers the neutral rephrase.
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> Full.json(OpenAiReplies.completion(
                r.body().contains("exploit") ? REFUSAL : ANSWER)));
             RefusalGuardProxy proxy = DefaultParts.start(ProxyHarness.config(upstream.baseUrl()))) {
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(proxy.baseUrl()
                                + "/v1/chat/completions")).header("content-type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(StreamFormat.CHAT.body(PROMPT, false))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.body()).contains("cumulative update");
                assertThat(response.headers().firstValue("x-refusalguard-action")).hasValue("rephrased");
                // The first request is refused then rephrased; the repeats go out rephrased at once.
                assertThat(response.headers().firstValue("x-refusalguard-attempts")).hasValue(i == 0 ? "2" : "1");
            }
            assertThat(upstream.received()).hasSize(4);
            long end = System.nanoTime() + 10_000_000_000L;
            while (count(proxy, "refusalguard_outcomes") < 3 && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            assertThat(count(proxy, "refusalguard_outcomes", "outcome", "recovered")).isEqualTo(3.0);
            assertThat(count(proxy, "refusalguard_recoveries")).isEqualTo(3.0);
            assertThat(count(proxy, "refusalguard_requests")).isEqualTo(3.0);
            // Every one of the three would have been refused without the proxy.
            assertThat(count(proxy, "refusalguard_refusals")).isEqualTo(3.0);
            assertThat(count(proxy, "refusalguard_refusals", "signal", "classifier")).isEqualTo(1.0);
            assertThat(count(proxy, "refusalguard_refusals", "signal", "recovery_memory")).isEqualTo(2.0);

            JsonNode since = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(
                    URI.create(proxy.adminUrl() + "/bias")).build(), HttpResponse.BodyHandlers.ofString()).body())
                    .path("since_start");
            assertThat(since.path("requests").asLong()).isEqualTo(3);
            assertThat(since.path("refusals").asLong()).isEqualTo(3);
            assertThat(since.path("refusals_by_signal").path("recovery_memory").asLong()).isEqualTo(2);
        }
    }
}
