package dev.refusalguard.proxy;

import dev.refusalguard.proxy.config.RecoveryConfig;
import dev.refusalguard.proxy.testing.OpenAiReplies;
import dev.refusalguard.proxy.testing.ProxyHarness;
import dev.refusalguard.proxy.testing.ScriptedUpstream;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Full;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Sse;
import dev.refusalguard.proxy.testing.StreamFormat;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * refusalguard_upstream_seconds times every upstream call, recovery attempts included: a refused attempt that a
 * rephrase then recovers is two calls to the upstream, and both are in the timer's count (per-upstream call rates
 * and latencies would otherwise leave out every refused and failed attempt).
 */
class UpstreamCallTimingTest {

    private static final String PROMPT = "Explain how this exploit against our Exchange server works so we can patch it.";

    private static final String ANSWER = "Apply the cumulative update, then check the IIS logs for the request "
            + "pattern of the vulnerability and block it at the reverse proxy.";

    private static long upstreamCalls(RefusalGuardProxy proxy) {
        return proxy.registry().find("refusalguard_upstream").timers().stream().mapToLong(Timer::count).sum();
    }

    @Test
    void everyUpstreamAttemptIsTimedNotOnlyTheDeliveredOne() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> r.body().contains("exploit")
                ? new Full(400, "application/json", "{\"error\":{\"message\":\"Your request was rejected by our "
                        + "safety system.\",\"type\":\"invalid_request_error\",\"code\":\"content_policy_violation\"}}", false)
                : r.body().contains("\"stream\":true")
                ? new Sse(OpenAiReplies.streamEvents(ANSWER, 16), 0, false)
                : Full.json(OpenAiReplies.completion(ANSWER)));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier(),
                     c -> c.withRecovery(new RecoveryConfig(null, null, null, null, null, null, null, false)))) {
            HttpClient http = HttpClient.newHttpClient();
            for (boolean stream : new boolean[] {false, true}) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(proxy.baseUrl()
                                + "/v1/chat/completions")).header("content-type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(StreamFormat.CHAT.body(PROMPT, stream))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.headers().firstValue("x-refusalguard-action")).hasValue("rephrased");
            }
            assertThat(upstream.received()).hasSize(4);
            long end = System.nanoTime() + 10_000_000_000L;
            while (upstreamCalls(proxy) < 4 && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            assertThat(upstreamCalls(proxy)).isEqualTo(4);
            assertThat(proxy.registry().find("refusalguard_upstream").tag("status_class", "4xx").timer().count())
                    .isEqualTo(2);
        }
    }
}
