package dev.refusalguard.proxy;

import dev.refusalguard.policies.StrategyKind;
import dev.refusalguard.proxy.config.ProxyConfig;
import dev.refusalguard.proxy.config.RecoveryConfig;
import dev.refusalguard.proxy.config.ServerConfig;
import dev.refusalguard.proxy.testing.AnthropicReplies;
import dev.refusalguard.proxy.testing.OpenAiReplies;
import dev.refusalguard.proxy.testing.ProxyHarness;
import dev.refusalguard.proxy.testing.ScriptedUpstream;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Drop;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Full;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Hang;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Reply;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Sse;
import io.micrometer.core.instrument.Counter;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A recovery attempt that gets an HTTP error, a transport failure or a timeout is a failed attempt: it is counted
 * as {@code result="error"}, the next strategy is tried, and when nothing recovers the agent gets the first
 * refusal (byte for byte, streamed if it asked for a stream) with {@code x-refusalguard-action: refused}. An
 * upstream error never reaches the agent as a recovery.
 */
class RecoveryAttemptFailureTest {

    private static final String ORGANISATION = "Example Corp SOC";
    private static final String PROMPT = "How do I detect a reverse shell payload on my Linux servers? "
            + "Show the auditd rules.";
    private static final String REFUSAL = "I'm sorry, but I can't help with creating or detecting reverse shells.";
    private static final String ANSWER = "Here are auditd rules to spot interactive shells over sockets.";
    private static final String SERVER_ERROR = "{\"error\":{\"message\":\"internal error\",\"type\":\"server_error\"}}";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** rephrase, then authorization_context; no recovery memory, so every request starts from its refusal. */
    private static ProxyConfig config(ProxyConfig base) {
        return new ProxyConfig(base.server(), base.upstreams(), base.routes(), base.defaultUpstream(), null, null,
                new RecoveryConfig(null, null, null, null,
                        List.of(StrategyKind.REPHRASE, StrategyKind.AUTHORIZATION_CONTEXT), null, null, false),
                Map.of("organisation", ORGANISATION, "role", "tier-2 incident responder"), null, null, null);
    }

    /**
     * Scripts the three attempts: the agent's own request is refused, the rephrased one (no "reverse shell" left)
     * gets {@code rephrased}, the one with the authorization block gets {@code withContext}.
     */
    private static Function<ScriptedUpstream.Received, Reply> script(Reply refusal, Reply rephrased,
                                                                   Reply withContext) {
        return r -> r.body().contains(ORGANISATION) ? withContext
                : r.body().contains("reverse shell") ? refusal : rephrased;
    }

    private HttpResponse<String> post(RefusalGuardProxy proxy, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(proxy.baseUrl() + path))
                .header("content-type", "application/json")
                .header("authorization", "Bearer sk-test")
                .header("anthropic-version", "2023-06-01")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String chatBody(boolean stream) {
        return "{\"model\":\"gpt-test\"," + (stream ? "\"stream\":true," : "")
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}";
    }

    private static String messagesBody(boolean stream) {
        return "{\"model\":\"claude-test\",\"max_tokens\":300," + (stream ? "\"stream\":true," : "")
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}";
    }

    private static double count(RefusalGuardProxy proxy, String meter, String... tags) {
        var search = proxy.registry().find(meter);
        for (int i = 0; i < tags.length; i += 2) {
            search = search.tag(tags[i], tags[i + 1]);
        }
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }

    /** Outcomes are recorded when the exchange ends, which may be just after the agent read the last byte. */
    private static void awaitOutcome(RefusalGuardProxy proxy, String outcome) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (count(proxy, "refusalguard_outcomes", "outcome", outcome) < 1 && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(count(proxy, "refusalguard_outcomes", "outcome", outcome)).isEqualTo(1.0);
    }

    private static void assertNothingCountedAsRecovered(RefusalGuardProxy proxy) {
        assertThat(count(proxy, "refusalguard_outcomes", "outcome", "recovered")).isZero();
        assertThat(count(proxy, "refusalguard_recovery_attempts", "result", "recovered")).isZero();
        assertThat(count(proxy, "refusalguard_recoveries")).isZero();
    }

    @Test
    void chatRephraseAnsweredWithHttp500IsAFailedAttemptAndAuthorizationContextRecovers() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(script(Full.json(OpenAiReplies.completion(REFUSAL)),
                new Full(500, "application/json", SERVER_ERROR, false), Full.json(OpenAiReplies.completion(ANSWER))));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier(),
                     RecoveryAttemptFailureTest::config)) {
            HttpResponse<String> response = post(proxy, "/v1/chat/completions", chatBody(false));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(OpenAiReplies.completion(ANSWER));
            assertThat(response.headers().firstValue("x-refusalguard-action")).hasValue("context_added");
            assertThat(response.headers().firstValue("x-refusalguard-attempts")).hasValue("3");
            assertThat(response.headers().firstValue("x-refusalguard-strategy")).hasValue("authorization_context");
            assertThat(upstream.received()).hasSize(3);
            // The context was added to the agent's own wording, not to the failed rephrased attempt.
            assertThat(upstream.received().get(2).body()).contains("reverse shell").contains(ORGANISATION);
            awaitOutcome(proxy, "recovered");
            assertThat(count(proxy, "refusalguard_recovery_attempts", "strategy", "rephrase", "result", "error"))
                    .isEqualTo(1.0);
            assertThat(count(proxy, "refusalguard_recovery_attempts", "strategy", "rephrase", "result", "recovered"))
                    .isZero();
            assertThat(count(proxy, "refusalguard_recovery_attempts", "strategy", "authorization_context",
                    "result", "recovered")).isEqualTo(1.0);
            assertThat(count(proxy, "refusalguard_recoveries", "strategy", "authorization_context")).isEqualTo(1.0);
            assertThat(count(proxy, "refusalguard_recoveries", "strategy", "rephrase")).isZero();
        }
    }

    @Test
    void chatRecoveryAttemptsThatAllFailLeaveTheFirstRefusalStandingByteForByte() throws Exception {
        String refusal = OpenAiReplies.completion(REFUSAL);
        try (ScriptedUpstream upstream = new ScriptedUpstream(script(Full.json(refusal),
                new Full(500, "application/json", SERVER_ERROR, false), new Drop()));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier(),
                     RecoveryAttemptFailureTest::config)) {
            HttpResponse<String> response = post(proxy, "/v1/chat/completions", chatBody(false));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(refusal);
            assertThat(response.headers().firstValue("x-refusalguard-action")).hasValue("refused");
            assertThat(response.headers().firstValue("x-refusalguard-attempts")).hasValue("3");
            assertThat(response.headers().firstValue("content-length")).hasValue(Integer.toString(refusal.length()));
            awaitOutcome(proxy, "refused");
            assertNothingCountedAsRecovered(proxy);
            assertThat(count(proxy, "refusalguard_recovery_attempts", "result", "error")).isEqualTo(2.0);
            assertThat(count(proxy, "refusalguard_outcomes", "outcome", "error")).isZero();
        }
    }

    @Test
    void chatStreamRecoveryAttemptsThatFailLeaveTheRefusedStreamStanding() throws Exception {
        List<String> refusalEvents = OpenAiReplies.streamEvents(REFUSAL, 8);
        try (ScriptedUpstream upstream = new ScriptedUpstream(script(new Sse(refusalEvents, 5, false),
                new Full(500, "application/json", SERVER_ERROR, false),
                new Full(401, "application/json", "{\"error\":{\"message\":\"no key\"}}", false)));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier(),
                     RecoveryAttemptFailureTest::config)) {
            HttpResponse<String> response = post(proxy, "/v1/chat/completions", chatBody(true));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("text/event-stream"));
            assertThat(response.body()).isEqualTo(String.join("", refusalEvents));
            assertThat(response.headers().firstValue("x-refusalguard-action")).hasValue("refused");
            assertThat(response.headers().firstValue("x-refusalguard-attempts")).hasValue("3");
            assertThat(upstream.received()).hasSize(3);
            awaitOutcome(proxy, "refused");
            assertNothingCountedAsRecovered(proxy);
            assertThat(count(proxy, "refusalguard_recovery_attempts", "result", "error")).isEqualTo(2.0);
        }
    }

    @Test
    void chatStreamRecoveryAttemptThatTimesOutIsFollowedByTheNextStrategy() throws Exception {
        List<String> answerEvents = OpenAiReplies.streamEvents(ANSWER, 8);
        try (ScriptedUpstream upstream = new ScriptedUpstream(script(
                new Sse(OpenAiReplies.streamEvents(REFUSAL, 8), 5, false), new Hang(), new Sse(answerEvents, 2, false)));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier(),
                     c -> config(c.withServer(new ServerConfig("127.0.0.1:0", "127.0.0.1:0", null, null, null, null,
                             null, null, null, null, Duration.ofMillis(1500), null, null, null, null, null, null,
                             null, null, null))))) {
            HttpResponse<String> response = post(proxy, "/v1/chat/completions", chatBody(true));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(String.join("", answerEvents));
            assertThat(response.headers().firstValue("x-refusalguard-action")).hasValue("context_added");
            awaitOutcome(proxy, "recovered");
            assertThat(count(proxy, "refusalguard_recovery_attempts", "strategy", "rephrase", "result", "error"))
                    .isEqualTo(1.0);
            assertThat(count(proxy, "refusalguard_upstream_errors", "kind", "timeout")).isEqualTo(1.0);
        }
    }

    @Test
    void messagesRecoveryAttemptsThatAllFailLeaveTheFirstRefusalStandingByteForByte() throws Exception {
        String refusal = AnthropicReplies.message(REFUSAL, "refusal");
        try (ScriptedUpstream upstream = new ScriptedUpstream(script(Full.json(refusal),
                new Full(500, "application/json", AnthropicReplies.error("api_error", "internal"), false),
                new Full(401, "application/json", AnthropicReplies.error("authentication_error", "no key"), false)));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier(),
                     RecoveryAttemptFailureTest::config)) {
            HttpResponse<String> response = post(proxy, "/v1/messages", messagesBody(false));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(refusal);
            assertThat(response.headers().firstValue("x-refusalguard-action")).hasValue("refused");
            assertThat(response.headers().firstValue("x-refusalguard-attempts")).hasValue("3");
            awaitOutcome(proxy, "refused");
            assertNothingCountedAsRecovered(proxy);
            assertThat(count(proxy, "refusalguard_recovery_attempts", "result", "error")).isEqualTo(2.0);
        }
    }

    @Test
    void messagesStreamRephraseDroppedByTheUpstreamIsFollowedByAuthorizationContext() throws Exception {
        List<String> answerEvents = AnthropicReplies.streamEvents(ANSWER, 8, "end_turn");
        try (ScriptedUpstream upstream = new ScriptedUpstream(script(
                new Sse(AnthropicReplies.streamEvents(REFUSAL, 8, "refusal"), 5, false), new Drop(),
                new Sse(answerEvents, 2, false)));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier(),
                     RecoveryAttemptFailureTest::config)) {
            HttpResponse<String> response = post(proxy, "/v1/messages", messagesBody(true));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(String.join("", answerEvents));
            assertThat(response.headers().firstValue("x-refusalguard-action")).hasValue("context_added");
            assertThat(response.headers().firstValue("x-refusalguard-attempts")).hasValue("3");
            awaitOutcome(proxy, "recovered");
            assertThat(count(proxy, "refusalguard_recovery_attempts", "strategy", "rephrase", "result", "error"))
                    .isEqualTo(1.0);
        }
    }

    @Test
    void messagesStreamRecoveryAttemptsThatFailLeaveTheRefusedStreamStanding() throws Exception {
        List<String> refusalEvents = AnthropicReplies.streamEvents(REFUSAL, 8, "refusal");
        try (ScriptedUpstream upstream = new ScriptedUpstream(script(new Sse(refusalEvents, 5, false),
                new Full(500, "application/json", AnthropicReplies.error("api_error", "internal"), false),
                new Full(500, "application/json", AnthropicReplies.error("api_error", "internal"), false)));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier(),
                     RecoveryAttemptFailureTest::config)) {
            HttpResponse<String> response = post(proxy, "/v1/messages", messagesBody(true));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(String.join("", refusalEvents));
            assertThat(response.headers().firstValue("x-refusalguard-action")).hasValue("refused");
            awaitOutcome(proxy, "refused");
            assertNothingCountedAsRecovered(proxy);
        }
    }

    @Test
    void agentDisconnectWhileTheRefusalIsKeptClosesBothUpstreamConnections() throws Exception {
        // A slow refusal stream (about 2 s), so that it is still open upstream while it is kept.
        try (ScriptedUpstream upstream = new ScriptedUpstream(script(
                new Sse(OpenAiReplies.streamEvents(REFUSAL + " " + REFUSAL, 8), 100, false), new Hang(), new Hang()));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier(),
                     RecoveryAttemptFailureTest::config)) {
            byte[] body = chatBody(true).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", proxy.port())) {
                socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nhost: proxy\r\n"
                        + "content-type: application/json\r\ncontent-length: " + body.length + "\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                socket.getOutputStream().write(body);
                socket.getOutputStream().flush();
                long end = System.nanoTime() + 10_000_000_000L;
                while (upstream.received().size() < 2 && System.nanoTime() < end) {
                    Thread.sleep(5);
                }
                assertThat(upstream.received()).hasSize(2);
            }
            long end = System.nanoTime() + 10_000_000_000L;
            while (upstream.closedConnections() < 2 && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            assertThat(upstream.closedConnections()).isEqualTo(2);
            awaitOutcome(proxy, "client_closed");
            // The rephrased attempt the disconnect cut short is counted, with a result that says so.
            assertThat(count(proxy, "refusalguard_recovery_attempts", "strategy", "rephrase",
                    "result", "client_closed")).isEqualTo(1.0);
            assertThat(count(proxy, "refusalguard_recovery_attempts")).isEqualTo(1.0);
            // Its first answer was judged (a refusal): the request counts in the refusal rate.
            assertThat(count(proxy, "refusalguard_requests")).isEqualTo(1.0);
            assertThat(count(proxy, "refusalguard_refusals")).isEqualTo(1.0);
        }
    }

    @Test
    void aRecoveryAttemptCutShortByTheRequestDeadlineCountsAsAnError() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(script(Full.json(OpenAiReplies.completion(REFUSAL)),
                new Hang(), new Hang()));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier(),
                     c -> config(c.withServer(new ServerConfig("127.0.0.1:0", "127.0.0.1:0", null, null, null, null,
                             null, null, Duration.ofMillis(1500), null, null, null, null, null, null, null, null,
                             null, null, null))))) {
            HttpResponse<String> response = post(proxy, "/v1/chat/completions", chatBody(false));

            assertThat(response.statusCode()).isEqualTo(504);
            awaitOutcome(proxy, "error");
            assertThat(count(proxy, "refusalguard_recovery_attempts", "strategy", "rephrase", "result", "error"))
                    .isEqualTo(1.0);
        }
    }
}
