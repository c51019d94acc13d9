package dev.refusalguard.proxy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import dev.refusalguard.proxy.testing.ProxyHarness;
import dev.refusalguard.proxy.testing.RawHttp;
import dev.refusalguard.proxy.testing.ResponsesReplies;
import dev.refusalguard.proxy.testing.ScriptedUpstream;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Full;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Reply;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Sse;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The official OpenAI Java SDK on the proxy's /v1/responses, streaming and not. */
class ResponsesSdkTest {

    private static final String REFUSAL = "I'm sorry, but I can't help with building a reverse shell payload.";
    private static final String ANSWER = "Here is a Sigma rule that flags bash processes with a socket on stdin.";
    private static final String PROMPT = "Write a detection for a reverse shell spawned by a web server process.";

    /** Refuses (in a refusal content part when {@code part}, else in plain text) while the prompt names the trigger. */
    private static Function<ScriptedUpstream.Received, Reply> refusingWhileSensitive(boolean part) {
        return r -> {
            boolean sensitive = r.body().contains("reverse shell");
            String text = sensitive ? REFUSAL : ANSWER;
            boolean refusalPart = sensitive && part;
            return r.body().contains("\"stream\":true")
                    ? new Sse(ResponsesReplies.streamEvents(text, 9, refusalPart), 2, false)
                    : Full.json(ResponsesReplies.response(text, refusalPart));
        };
    }

    private static OpenAIClient client(RefusalGuardProxy proxy) {
        return OpenAIOkHttpClient.builder().baseUrl(proxy.baseUrl() + "/v1").apiKey("sk-test").maxRetries(0).build();
    }

    private static ResponseCreateParams params() {
        return ResponseCreateParams.builder().model("gpt-test").instructions("You are a SOC assistant.")
                .input(PROMPT).build();
    }

    private static String text(Response response) {
        return response.output().stream().filter(o -> o.isMessage())
                .flatMap(o -> o.asMessage().content().stream())
                .map(c -> c.isOutputText() ? c.asOutputText().text() : "[refusal] " + c.asRefusal().refusal())
                .collect(Collectors.joining());
    }

    @Test
    void refusalContentPartIsRecovered() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(refusingWhileSensitive(true));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            assertThat(text(client(proxy).responses().create(params()))).isEqualTo(ANSWER);
            assertThat(upstream.received()).hasSize(2);
            assertThat(upstream.received().get(1).body()).doesNotContain("reverse shell")
                    .contains("You are a SOC assistant.");
        }
    }

    @Test
    void textRefusalInInputItemsIsRecovered() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(refusingWhileSensitive(false));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            HttpResponse<String> raw = RawHttp.post(proxy.baseUrl() + "/v1/responses", "{\"model\":\"gpt-test\","
                    + "\"input\":[{\"role\":\"developer\",\"content\":\"You are a SOC assistant.\"},{\"type\":\"message\","
                    + "\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"" + PROMPT + "\"}]}]}",
                    Map.of("authorization", "Bearer sk-test"));
            assertThat(raw.body()).isEqualTo(ResponsesReplies.response(ANSWER, false));
            assertThat(raw.headers().firstValue("x-refusalguard-action")).hasValue("rephrased");
        }
    }

    @Test
    void streamedRefusalPartNeverReachesTheAgent() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(refusingWhileSensitive(true));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            StringBuilder text = new StringBuilder();
            StringBuilder refusal = new StringBuilder();
            try (StreamResponse<ResponseStreamEvent> stream = client(proxy).responses().createStreaming(params())) {
                stream.stream().forEach(e -> {
                    e.outputTextDelta().ifPresent(d -> text.append(d.delta()));
                    e.refusalDelta().ifPresent(d -> refusal.append(d.delta()));
                });
            }
            assertThat(text.toString()).isEqualTo(ANSWER);
            assertThat(refusal.toString()).isEmpty();
        }
    }

    @Test
    void streamedTextRefusalIsReplacedBeforeAnyByteReachesTheAgent() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(refusingWhileSensitive(false));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            HttpResponse<String> raw = RawHttp.post(proxy.baseUrl() + "/v1/responses",
                    "{\"model\":\"gpt-test\",\"stream\":true,\"input\":\"" + PROMPT + "\"}", Map.of());
            assertThat(raw.body()).doesNotContain("sorry")
                    .isEqualTo(String.join("", ResponsesReplies.streamEvents(ANSWER, 9, false)));
        }
    }

    @Test
    void functionCallsAreNeverRefusalsAndPassUntouched() throws Exception {
        String args = "{\"query\":\"reverse shell\"}";
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> r.body().contains("\"stream\":true")
                ? new Sse(ResponsesReplies.functionCallStream("search_logs", args), 2, false)
                : Full.json(ResponsesReplies.functionCall("search_logs", args)));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            Response response = client(proxy).responses().create(params());
            assertThat(response.output().get(0).asFunctionCall().arguments()).isEqualTo(args);
            HttpResponse<String> raw = RawHttp.post(proxy.baseUrl() + "/v1/responses",
                    "{\"model\":\"gpt-test\",\"stream\":true,\"input\":\"" + PROMPT + "\"}", Map.of());
            assertThat(raw.body()).isEqualTo(String.join("", ResponsesReplies.functionCallStream("search_logs", args)));
            assertThat(upstream.received()).hasSize(2);
        }
    }

    @Test
    void contentFilteredResponseIsRecovered() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> Full.json(r.body().contains("reverse shell")
                ? ResponsesReplies.contentFiltered() : ResponsesReplies.response(ANSWER, false)));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            assertThat(text(client(proxy).responses().create(params()))).isEqualTo(ANSWER);
        }
    }

    @Test
    void errorsKeepOpenAisShape() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> Full.json(ResponsesReplies.response(ANSWER, false)));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            assertThatThrownBy(() -> client(proxy).responses().create(ResponseCreateParams.builder().model("")
                    .input("hi").build())).isInstanceOf(BadRequestException.class);
            // input is optional (a stored prompt can stand in for it), but of the wrong type it is an error.
            HttpResponse<String> badInput = RawHttp.post(proxy.baseUrl() + "/v1/responses",
                    "{\"model\":\"m\",\"input\":true}", Map.of());
            assertThat(badInput.statusCode()).isEqualTo(400);
            assertThat(badInput.body()).contains("\"type\":\"invalid_request_error\"").contains("'input'");
            assertThat(upstream.received()).isEmpty();
        }
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (RefusalGuardProxy proxy = ProxyHarness.start("http://127.0.0.1:" + closedPort, ProxyHarness.classifier())) {
            HttpResponse<String> r = RawHttp.post(proxy.baseUrl() + "/v1/responses",
                    "{\"model\":\"m\",\"input\":\"hi\"}", Map.of());
            assertThat(r.statusCode()).isEqualTo(502);
            assertThat(r.body()).contains("\"code\":\"upstream_connect\"");
        }
    }
}
