package dev.refusalguard.proxy.demo;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class MessagesWireFormatTest {

    private static final String VERSION = "2023-06-01";
    private static DemoUpstream upstream;
    private static DemoUpstream signalUpstream;
    private static DemoUpstream policyUpstream;

    @BeforeAll
    static void start() {
        DemoUpstreamConfig base = DemoUpstreamConfig.defaults().withChunkDelay(Duration.ofMillis(1));
        upstream = DemoUpstream.start(base.withDeliveryMix(RefusalDeliveryMix.plainTextOnly()));
        signalUpstream = DemoUpstream.start(base.withDeliveryMix(new RefusalDeliveryMix(0, 1, 0, 0)));
        policyUpstream = DemoUpstream.start(base.withDeliveryMix(new RefusalDeliveryMix(0, 0, 0, 1)));
    }

    @AfterAll
    static void stop() {
        upstream.close();
        signalUpstream.close();
        policyUpstream.close();
    }

    private static String body(String model, String user, boolean stream) {
        return DemoHttp.jsonString(Map.of("model", model, "max_tokens", 512,
                "system", List.of(Map.of("type", "text", "text", DemoRequests.AGENT_SYSTEM_PROMPT)),
                "messages", List.of(Map.of("role", "user", "content", user)), "stream", stream));
    }

    @Test
    void nonStreamingAnswerIsAMessageWithTextBlockAndEndTurn() {
        HttpResponse<String> r = DemoHttp.post(upstream.baseUri(), MessagesApi.PATH,
                body(DemoUpstreamConfig.LENIENT_MODEL, DemoHttp.BENIGN_LOG_QUESTION, false),
                "anthropic-version", VERSION, "x-api-key", "demo-key");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue(SimulatedDecision.HEADER)).hasValue("compliance");
        JsonNode m = DemoHttp.json(r.body());
        assertThat(m.path("type").asText()).isEqualTo("message");
        assertThat(m.path("role").asText()).isEqualTo("assistant");
        assertThat(m.path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(m.path("content").get(0).path("type").asText()).isEqualTo("text");
        assertThat(m.path("content").get(0).path("text").asText()).startsWith(SimulatedAnswers.MARKER);
    }

    @Test
    void streamingAnswerFollowsTheMessagesEventSequence() {
        HttpResponse<String> r = DemoHttp.post(upstream.baseUri(), MessagesApi.PATH,
                body(DemoUpstreamConfig.LENIENT_MODEL, DemoHttp.BENIGN_LOG_QUESTION, true),
                "anthropic-version", VERSION);
        List<DemoHttp.SseFrame> frames = DemoHttp.frames(r.body());
        assertThat(frames.stream().map(DemoHttp.SseFrame::event).distinct().toList()).containsExactly(
                "message_start", "content_block_start", "ping", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop");
        frames.forEach(f -> assertThat(DemoHttp.json(f.data()).path("type").asText()).isEqualTo(f.event()));
        JsonNode delta = DemoHttp.json(frames.get(frames.size() - 2).data());
        assertThat(delta.path("delta").path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(frames.stream().filter(f -> f.event().equals("content_block_delta")).count()).isGreaterThan(3);
    }

    @Test
    void refusalSignalIsStopReasonRefusal() {
        JsonNode m = DemoHttp.json(DemoHttp.post(signalUpstream.baseUri(), MessagesApi.PATH,
                body(DemoUpstreamConfig.DEFAULT_MODEL, DemoHttp.offensivePrompt(), false),
                "anthropic-version", VERSION).body());
        assertThat(m.path("stop_reason").asText()).isEqualTo("refusal");
        List<DemoHttp.SseFrame> frames = DemoHttp.frames(DemoHttp.post(signalUpstream.baseUri(), MessagesApi.PATH,
                body(DemoUpstreamConfig.DEFAULT_MODEL, DemoHttp.offensivePrompt(), true),
                "anthropic-version", VERSION).body());
        JsonNode messageDelta = frames.stream().filter(f -> f.event().equals("message_delta"))
                .map(f -> DemoHttp.json(f.data())).findFirst().orElseThrow();
        assertThat(messageDelta.path("delta").path("stop_reason").asText()).isEqualTo("refusal");
    }

    @Test
    void policyErrorIsHttp400InAnthropicErrorShape() {
        HttpResponse<String> r = DemoHttp.post(policyUpstream.baseUri(), MessagesApi.PATH,
                body(DemoUpstreamConfig.DEFAULT_MODEL, DemoHttp.offensivePrompt(), false), "anthropic-version", VERSION);
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode e = DemoHttp.json(r.body());
        assertThat(e.path("type").asText()).isEqualTo("error");
        assertThat(e.path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(e.path("error").path("message").asText()).contains("content filtering policy");
    }

    @Test
    void missingAnthropicVersionHeaderIsRejected() {
        HttpResponse<String> r = DemoHttp.post(upstream.baseUri(), MessagesApi.PATH,
                body(DemoUpstreamConfig.LENIENT_MODEL, DemoHttp.BENIGN_LOG_QUESTION, false));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(DemoHttp.json(r.body()).path("error").path("message").asText()).contains("anthropic-version");
    }

    @Test
    void officialAnthropicSdkParsesMessagesAndStreams() {
        AnthropicClient client = AnthropicOkHttpClient.builder()
                .baseUrl(signalUpstream.baseUri().toString()).apiKey("demo-key").maxRetries(0).build();
        try {
            MessageCreateParams compliant = MessageCreateParams.builder()
                    .model(DemoUpstreamConfig.LENIENT_MODEL).maxTokens(512)
                    .system(DemoRequests.AGENT_SYSTEM_PROMPT).addUserMessage(DemoHttp.BENIGN_LOG_QUESTION).build();
            Message message = client.messages().create(compliant).validate();
            String text = message.content().get(0).asText().text();
            assertThat(text).startsWith(SimulatedAnswers.MARKER);
            assertThat(message.stopReason()).hasValue(StopReason.END_TURN);
            try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(compliant)) {
                String streamed = stream.stream().flatMap(e -> e.contentBlockDelta().stream())
                        .flatMap(d -> d.delta().text().stream()).map(t -> t.text()).collect(Collectors.joining());
                assertThat(streamed).isEqualTo(text);
            }
            MessageCreateParams refused = MessageCreateParams.builder()
                    .model(DemoUpstreamConfig.DEFAULT_MODEL).maxTokens(512)
                    .addUserMessage(DemoHttp.offensivePrompt()).build();
            assertThat(client.messages().create(refused).stopReason()).hasValue(StopReason.REFUSAL);
        } finally {
            client.close();
        }
    }
}
