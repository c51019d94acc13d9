package dev.refusalguard.proxy.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ResponsesWireFormatTest {

    private static DemoUpstream upstream;
    private static DemoUpstream signalUpstream;
    private static DemoUpstream filterUpstream;

    @BeforeAll
    static void start() {
        DemoUpstreamConfig base = DemoUpstreamConfig.defaults().withChunkDelay(Duration.ofMillis(1));
        upstream = DemoUpstream.start(base.withDeliveryMix(RefusalDeliveryMix.plainTextOnly()));
        signalUpstream = DemoUpstream.start(base.withDeliveryMix(new RefusalDeliveryMix(0, 1, 0, 0)));
        filterUpstream = DemoUpstream.start(base.withDeliveryMix(new RefusalDeliveryMix(0, 0, 1, 0)));
    }

    @AfterAll
    static void stop() {
        upstream.close();
        signalUpstream.close();
        filterUpstream.close();
    }

    private static String body(String model, String user, boolean stream) {
        return DemoHttp.jsonString(Map.of("model", model, "instructions", DemoRequests.AGENT_SYSTEM_PROMPT,
                "input", List.of(Map.of("role", "user", "content", List.of(Map.of("type", "input_text", "text", user)))),
                "stream", stream));
    }

    @Test
    void nonStreamingAnswerIsAResponseWithAnOutputTextPart() {
        HttpResponse<String> r = DemoHttp.post(upstream.baseUri(), ResponsesApi.PATH,
                body(DemoUpstreamConfig.LENIENT_MODEL, DemoHttp.BENIGN_LOG_QUESTION, false));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue(SimulatedDecision.HEADER)).hasValue("compliance");
        JsonNode resp = DemoHttp.json(r.body());
        assertThat(resp.path("object").asText()).isEqualTo("response");
        assertThat(resp.path("status").asText()).isEqualTo("completed");
        assertThat(resp.path("instructions").asText()).isEqualTo(DemoRequests.AGENT_SYSTEM_PROMPT);
        JsonNode part = resp.path("output").get(0).path("content").get(0);
        assertThat(part.path("type").asText()).isEqualTo("output_text");
        assertThat(part.path("text").asText()).startsWith(SimulatedAnswers.MARKER);
        assertThat(resp.path("usage").path("output_tokens").asInt()).isPositive();
    }

    @Test
    void streamingAnswerFollowsTheResponsesEventSequence() {
        HttpResponse<String> r = DemoHttp.post(upstream.baseUri(), ResponsesApi.PATH,
                body(DemoUpstreamConfig.LENIENT_MODEL, DemoHttp.BENIGN_LOG_QUESTION, true));
        List<DemoHttp.SseFrame> frames = DemoHttp.frames(r.body());
        List<String> types = frames.stream().map(DemoHttp.SseFrame::event).distinct().toList();
        assertThat(types).containsExactly("response.created", "response.in_progress", "response.output_item.added",
                "response.content_part.added", "response.output_text.delta", "response.output_text.done",
                "response.content_part.done", "response.output_item.done", "response.completed");
        List<JsonNode> events = frames.stream().map(f -> DemoHttp.json(f.data())).toList();
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).path("sequence_number").asInt()).isEqualTo(i);
            assertThat(events.get(i).path("type").asText()).isEqualTo(frames.get(i).event());
        }
        String deltas = events.stream().filter(e -> e.path("type").asText().equals("response.output_text.delta"))
                .map(e -> e.path("delta").asText()).collect(Collectors.joining());
        JsonNode completed = events.get(events.size() - 1).path("response");
        assertThat(deltas).isEqualTo(completed.path("output").get(0).path("content").get(0).path("text").asText());
        assertThat(frames.stream().filter(f -> f.event().equals("response.output_text.delta")).count()).isGreaterThan(3);
    }

    @Test
    void refusalIsARefusalContentPartStreamedAsRefusalDeltas() {
        JsonNode resp = DemoHttp.json(DemoHttp.post(signalUpstream.baseUri(), ResponsesApi.PATH,
                body(DemoUpstreamConfig.DEFAULT_MODEL, DemoHttp.offensivePrompt(), false)).body());
        JsonNode part = resp.path("output").get(0).path("content").get(0);
        assertThat(part.path("type").asText()).isEqualTo("refusal");
        assertThat(RefusalTexts.bundled().all()).contains(part.path("refusal").asText());
        List<DemoHttp.SseFrame> frames = DemoHttp.frames(DemoHttp.post(signalUpstream.baseUri(), ResponsesApi.PATH,
                body(DemoUpstreamConfig.DEFAULT_MODEL, DemoHttp.offensivePrompt(), true)).body());
        String deltas = frames.stream().filter(f -> f.event().equals("response.refusal.delta"))
                .map(f -> DemoHttp.json(f.data()).path("delta").asText()).collect(Collectors.joining());
        assertThat(deltas).isEqualTo(part.path("refusal").asText());
        assertThat(frames).extracting(DemoHttp.SseFrame::event).contains("response.refusal.done", "response.completed");
    }

    @Test
    void contentFilterEndsTheResponseIncomplete() {
        JsonNode resp = DemoHttp.json(DemoHttp.post(filterUpstream.baseUri(), ResponsesApi.PATH,
                body(DemoUpstreamConfig.DEFAULT_MODEL, DemoHttp.offensivePrompt(), false)).body());
        assertThat(resp.path("status").asText()).isEqualTo("incomplete");
        assertThat(resp.path("incomplete_details").path("reason").asText()).isEqualTo("content_filter");
        List<DemoHttp.SseFrame> frames = DemoHttp.frames(DemoHttp.post(filterUpstream.baseUri(), ResponsesApi.PATH,
                body(DemoUpstreamConfig.DEFAULT_MODEL, DemoHttp.offensivePrompt(), true)).body());
        assertThat(frames.get(frames.size() - 1).event()).isEqualTo("response.incomplete");
    }

    @Test
    void officialOpenAiSdkParsesResponsesAndTheirEvents() {
        OpenAIClient client = OpenAIOkHttpClient.builder()
                .baseUrl(upstream.baseUri() + "/v1").apiKey("demo-key").maxRetries(0).build();
        try {
            ResponseCreateParams params = ResponseCreateParams.builder()
                    .model(DemoUpstreamConfig.LENIENT_MODEL)
                    .instructions(DemoRequests.AGENT_SYSTEM_PROMPT)
                    .input(DemoHttp.BENIGN_LOG_QUESTION)
                    .build();
            Response response = client.responses().create(params).validate();
            String text = response.output().get(0).asMessage().content().get(0).asOutputText().text();
            assertThat(text).startsWith(SimulatedAnswers.MARKER);
            StringBuilder streamed = new StringBuilder();
            boolean[] completed = {false};
            try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(params)) {
                stream.stream().forEach(e -> {
                    e.outputTextDelta().ifPresent(d -> streamed.append(d.delta()));
                    completed[0] |= e.isCompleted();
                });
            }
            assertThat(streamed.toString()).isEqualTo(text);
            assertThat(completed[0]).isTrue();
        } finally {
            client.close();
        }
    }
}
