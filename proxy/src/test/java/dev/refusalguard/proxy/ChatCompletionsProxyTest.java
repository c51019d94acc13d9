package dev.refusalguard.proxy;

import dev.refusalguard.proxy.testing.OpenAiReplies;
import dev.refusalguard.proxy.testing.ProxyHarness;
import dev.refusalguard.proxy.testing.ScriptedUpstream;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Full;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Sse;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ChatCompletionsProxyTest {

    private static final String DEFENSIVE = "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":"
            + "\"How do I detect a reverse shell payload on my Linux servers? Show the auditd rules.\"}]}";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> post(RefusalGuardProxy proxy, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(proxy.baseUrl() + "/v1/chat/completions"))
                .header("content-type", "application/json")
                .header("authorization", "Bearer sk-test-secret")
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void compliantAnswerPassesThroughByteForByte() throws Exception {
        String answer = OpenAiReplies.completion("Use auditd rules on execve of /bin/sh with a socket parent.");
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> Full.json(answer));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            HttpResponse<String> response = post(proxy, DEFENSIVE);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(answer);
            assertThat(response.headers().firstValue("x-refusalguard-action")).hasValue("none");
            assertThat(response.headers().firstValue("x-refusalguard-attempts")).hasValue("1");
            assertThat(upstream.received()).hasSize(1);
            assertThat(upstream.received().get(0).body()).isEqualTo(DEFENSIVE);
            assertThat(upstream.received().get(0).headers().get("authorization")).isEqualTo("Bearer sk-test-secret");
        }
    }

    @Test
    void refusedAnswerIsRephrasedRetriedAndOnlyTheRecoveredAnswerReachesTheAgent() throws Exception {
        String refusal = OpenAiReplies.completion("I'm sorry, but I can't help with creating or detecting reverse shells.");
        String recovered = OpenAiReplies.completion("Here are auditd rules to spot interactive shells over sockets.");
        try (ScriptedUpstream upstream = new ScriptedUpstream(r ->
                Full.json(r.body().contains("reverse shell") ? refusal : recovered));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            HttpResponse<String> response = post(proxy, DEFENSIVE);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(recovered);
            assertThat(response.headers().firstValue("x-refusalguard-action")).hasValue("rephrased");
            assertThat(response.headers().firstValue("x-refusalguard-attempts")).hasValue("2");
            assertThat(upstream.received()).hasSize(2);
            assertThat(upstream.received().get(1).body()).doesNotContain("reverse shell");
        }
    }

    @Test
    void refusedStreamIsRetriedBeforeAnyByteReachesTheAgent() throws Exception {
        String refusalText = "I can't help with reverse shells or payloads, as they can be used to attack systems.";
        String goodText = "Here are auditd rules that flag an interactive shell whose stdin is a network socket.";
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> new Sse(OpenAiReplies.streamEvents(
                r.body().contains("reverse shell") ? refusalText : goodText, 8), 5, false));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            String body = DEFENSIVE.replace("{\"model\"", "{\"stream\":true,\"model\"");
            HttpResponse<String> response = post(proxy, body);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("text/event-stream"));
            assertThat(response.body()).doesNotContain("I can").contains("auditd").endsWith("data: [DONE]\n\n");
            assertThat(response.body()).isEqualTo(String.join("", OpenAiReplies.streamEvents(goodText, 8)));
            assertThat(response.headers().firstValue("x-refusalguard-action")).hasValue("rephrased");
        }
    }
}
