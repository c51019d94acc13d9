package dev.refusalguard.proxy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.BadRequestException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import dev.refusalguard.proxy.testing.AnthropicReplies;
import dev.refusalguard.proxy.testing.ProxyHarness;
import dev.refusalguard.proxy.testing.RawHttp;
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

/** The official Anthropic Java SDK pointed at the proxy's /v1/messages, streaming and not. */
class AnthropicSdkTest {

    private static final String REFUSAL = "I'm sorry, but I can't help with building a reverse shell payload.";
    private static final String ANSWER = "Here is an auditd rule that flags a shell whose stdin is a network socket.";
    private static final String PROMPT = "Write a detection for a reverse shell spawned by a web server process.";

    /** Refuses (by text, or by stop_reason "refusal" when {@code signal}) while the prompt names the trigger. */
    private static Function<ScriptedUpstream.Received, Reply> refusingWhileSensitive(boolean signal) {
        return r -> {
            boolean sensitive = r.body().contains("reverse shell");
            String text = sensitive ? (signal ? "" : REFUSAL) : ANSWER;
            String stop = sensitive && signal ? "refusal" : "end_turn";
            return r.body().contains("\"stream\":true") ? new Sse(AnthropicReplies.streamEvents(text, 7, stop), 2, false)
                    : Full.json(AnthropicReplies.message(text, stop));
        };
    }

    private static AnthropicClient client(RefusalGuardProxy proxy) {
        return AnthropicOkHttpClient.builder().baseUrl(proxy.baseUrl()).apiKey("sk-ant-test").maxRetries(0).build();
    }

    private static MessageCreateParams params() {
        return MessageCreateParams.builder().model("claude-test").maxTokens(512)
                .system("You are a SOC assistant.").addUserMessage(PROMPT).build();
    }

    private static String text(Message message) {
        return message.content().stream().flatMap(b -> b.text().stream()).map(t -> t.text())
                .collect(Collectors.joining());
    }

    @Test
    void stopReasonRefusalIsRecoveredAndHeadersPassThrough() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(refusingWhileSensitive(true));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            Message message = client(proxy).messages().create(params());
            assertThat(text(message)).isEqualTo(ANSWER);
            assertThat(message.stopReason()).hasValue(StopReason.END_TURN);
            assertThat(upstream.received()).hasSize(2);
            assertThat(upstream.received().get(1).body()).doesNotContain("reverse shell");
            assertThat(upstream.received().get(0).headers().entries()).as("the SDK's credentials pass through")
                    .anySatisfy(h -> assertThat(h.getValue()).contains("sk-ant-test"));
            assertThat(upstream.received().get(0).headers().get("anthropic-version")).isNotBlank();
            assertThat(upstream.received().get(0).uri()).isEqualTo("/v1/messages");
        }
    }

    @Test
    void textRefusalIsRecoveredAndOnlyTheRecoveredMessageReachesTheAgent() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(refusingWhileSensitive(false));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            assertThat(text(client(proxy).messages().create(params()))).isEqualTo(ANSWER);
            HttpResponse<String> raw = RawHttp.post(proxy.baseUrl() + "/v1/messages", "{\"model\":\"claude-test\","
                    + "\"max_tokens\":100,\"system\":[{\"type\":\"text\",\"text\":\"You are a SOC assistant.\"}],"
                    + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"" + PROMPT
                    + "\"}]}]}", Map.of("anthropic-version", "2023-06-01", "x-api-key", "sk-ant-raw"));
            assertThat(raw.body()).isEqualTo(AnthropicReplies.message(ANSWER, "end_turn")).doesNotContain("sorry");
            assertThat(upstream.received().get(2).headers().get("x-api-key")).isEqualTo("sk-ant-raw");
            assertThat(upstream.received().get(2).headers().get("anthropic-version")).isEqualTo("2023-06-01");
            assertThat(raw.headers().firstValue("x-refusalguard-action")).hasValue("rephrased");
        }
    }

    @Test
    void streamedTextRefusalIsReplacedBeforeAnyByteReachesTheAgent() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(refusingWhileSensitive(false));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            MessageAccumulator accumulator = MessageAccumulator.create();
            try (StreamResponse<RawMessageStreamEvent> stream = client(proxy).messages().createStreaming(params())) {
                stream.stream().forEach(accumulator::accumulate);
            }
            assertThat(text(accumulator.message())).isEqualTo(ANSWER);
            HttpResponse<String> raw = RawHttp.post(proxy.baseUrl() + "/v1/messages", "{\"model\":\"claude-test\","
                    + "\"max_tokens\":100,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT
                    + "\"}]}", Map.of("anthropic-version", "2023-06-01"));
            assertThat(raw.body()).doesNotContain("sorry").doesNotContain("can't")
                    .isEqualTo(String.join("", AnthropicReplies.streamEvents(ANSWER, 7, "end_turn")));
        }
    }

    @Test
    void streamedStopReasonRefusalIsRecovered() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(refusingWhileSensitive(true));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            MessageAccumulator accumulator = MessageAccumulator.create();
            try (StreamResponse<RawMessageStreamEvent> stream = client(proxy).messages().createStreaming(params())) {
                stream.stream().forEach(accumulator::accumulate);
            }
            assertThat(text(accumulator.message())).isEqualTo(ANSWER);
            assertThat(accumulator.message().stopReason()).hasValue(StopReason.END_TURN);
            assertThat(upstream.received()).hasSize(2);
        }
    }

    @Test
    void toolUseAnswersAreNeverRefusalsAndPassUntouched() throws Exception {
        String input = "{\"query\":\"reverse shell indicators\",\"hours\":24}";
        String full = AnthropicReplies.toolUse("search_logs", input);
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> r.body().contains("\"stream\":true")
                ? new Sse(AnthropicReplies.toolUseStream("search_logs", input), 2, false) : Full.json(full));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            Message message = client(proxy).messages().create(params());
            ContentBlock tool = message.content().get(1);
            assertThat(tool.isToolUse()).isTrue();
            assertThat(tool.asToolUse().name()).isEqualTo("search_logs");
            String body = "{\"model\":\"claude-test\",\"max_tokens\":100,\"stream\":true,\"tools\":[{\"name\":"
                    + "\"search_logs\",\"input_schema\":{\"type\":\"object\"}}],\"messages\":[{\"role\":\"user\","
                    + "\"content\":\"" + PROMPT + "\"}]}";
            HttpResponse<String> streamed = RawHttp.post(proxy.baseUrl() + "/v1/messages", body, Map.of());
            assertThat(streamed.body()).isEqualTo(String.join("", AnthropicReplies.toolUseStream("search_logs", input)));
            assertThat(upstream.received()).hasSize(2);
            assertThat(upstream.received().get(1).body()).isEqualTo(body);
        }
    }

    @Test
    void gzipAnswersAreInspectedAndRecovered() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> new Full(200, "application/json",
                AnthropicReplies.message(r.body().contains("reverse shell") ? REFUSAL : ANSWER, "end_turn"), true));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            assertThat(text(client(proxy).messages().create(params()))).isEqualTo(ANSWER);
            assertThat(upstream.received()).hasSize(2);
        }
    }

    @Test
    void errorsKeepAnthropicsShape() throws Exception {
        String overloaded = AnthropicReplies.error("overloaded_error", "Overloaded");
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> new Full(529, "application/json", overloaded, false));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            assertThatThrownBy(() -> client(proxy).messages().create(MessageCreateParams.builder().model("")
                    .maxTokens(10).addUserMessage("hi").build())).isInstanceOf(BadRequestException.class)
                    .hasMessageContaining("model");
            HttpResponse<String> passed = RawHttp.post(proxy.baseUrl() + "/v1/messages",
                    "{\"model\":\"claude-test\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                    Map.of());
            assertThat(passed.statusCode()).isEqualTo(529);
            assertThat(passed.body()).isEqualTo(overloaded);
            HttpResponse<String> malformed = RawHttp.post(proxy.baseUrl() + "/v1/messages", "{\"model\":", Map.of());
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThat(malformed.body()).startsWith("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\"");
        }
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (RefusalGuardProxy proxy = ProxyHarness.start("http://127.0.0.1:" + closedPort, ProxyHarness.classifier())) {
            HttpResponse<String> r = RawHttp.post(proxy.baseUrl() + "/v1/messages",
                    "{\"model\":\"claude-test\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                    Map.of());
            assertThat(r.statusCode()).isEqualTo(502);
            assertThat(r.body()).startsWith("{\"type\":\"error\",\"error\":{\"type\":\"api_error\"");
        }
    }
}
