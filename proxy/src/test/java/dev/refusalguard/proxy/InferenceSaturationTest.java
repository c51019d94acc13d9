package dev.refusalguard.proxy;

import dev.refusalguard.proxy.config.ServerConfig;
import dev.refusalguard.proxy.testing.OpenAiReplies;
import dev.refusalguard.proxy.testing.ProxyHarness;
import dev.refusalguard.proxy.testing.ScriptedUpstream;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Full;
import io.micrometer.core.instrument.Counter;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An inference queue too small for the load: analyses and verdicts are rejected, and every request still gets its
 * answer at once (judged on provider signals where the classifier had no room), with intent and category headers
 * where the analysis ran, and is counted exactly once. Before the fix, a refused answer whose analysis had been
 * rejected hung until the request deadline and was never counted.
 */
class InferenceSaturationTest {

    private static final String REFUSAL = "I'm sorry, but I can't help with that request.";
    private static final String ANSWER = "Here is a YARA rule that matches the dropper's unpacking stub.";
    private static final int REQUESTS = 60;

    @Test
    void aFullInferenceQueueNeverHangsOrLosesARequest() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> Full.json(r.body().contains("Case 1")
                ? OpenAiReplies.refusalField(REFUSAL) : OpenAiReplies.completion(
                r.body().contains("Case 2") ? REFUSAL : ANSWER)));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier(),
                     c -> c.withServer(new ServerConfig("127.0.0.1:0", "127.0.0.1:0", null, null, null, null, null,
                             null, Duration.ofSeconds(20), null, null, null, null, null, null, 1, 1, null, null,
                             0)))) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < REQUESTS; i++) {
                String prompt = "Write a YARA rule that detects this ransomware dropper. Case " + (i % 3) + "-" + i;
                String body = "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt
                        + "\"}]}";
                sent.add(http.sendAsync(HttpRequest.newBuilder(URI.create(proxy.baseUrl() + "/v1/chat/completions"))
                        .header("content-type", "application/json").timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            for (CompletableFuture<HttpResponse<String>> f : sent) {
                assertThat(f.get().statusCode()).as(f.get().body()).isEqualTo(200);
            }
            assertThat(millis).as("ms for all answers (the deadline is 20 s)").isLessThan(10_000);
            long end = System.nanoTime() + 10_000_000_000L;
            while (outcomes(proxy) < REQUESTS && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertThat(outcomes(proxy)).as("every request counted once").isEqualTo(REQUESTS);
        }
    }

    @Test
    void everyAnswerUnderConcurrentLoadNamesTheRequestsIntentAndCategory() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> Full.json(OpenAiReplies.completion(ANSWER)));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier(),
                     c -> c.withServer(new ServerConfig("127.0.0.1:0", "127.0.0.1:0", null, null, null, null, null,
                             null, null, null, null, null, null, null, null, 1, null, null, null, 0)))) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                // long, distinct prompts: each analysis takes a while and none is cached
                String prompt = ("Explain what the payload of this macro does and write a detection rule. ")
                        .repeat(40) + "Case " + i;
                String body = "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt
                        + "\"}]}";
                sent.add(http.sendAsync(HttpRequest.newBuilder(URI.create(proxy.baseUrl() + "/v1/chat/completions"))
                        .header("content-type", "application/json").timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> f : sent) {
                HttpResponse<String> r = f.get(30, TimeUnit.SECONDS);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("x-refusalguard-intent")).as("intent header").isPresent();
                assertThat(r.headers().firstValue("x-refusalguard-category")).as("category header").isPresent();
            }
        }
    }

    private static double outcomes(RefusalGuardProxy proxy) {
        return proxy.registry().find("refusalguard_outcomes").counters().stream().mapToDouble(Counter::count).sum();
    }
}
