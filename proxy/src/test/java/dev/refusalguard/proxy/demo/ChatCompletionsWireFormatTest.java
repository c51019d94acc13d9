package dev.refusalguard.proxy.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ChatCompletionsWireFormatTest {

    private static DemoUpstream upstream;
    private static DemoUpstream signalUpstream;
    private static DemoUpstream filterUpstream;
    private static DemoUpstream policyUpstream;

    @BeforeAll
    static void start() {
        DemoUpstreamConfig base = DemoUpstreamConfig.defaults().withChunkDelay(Duration.ofMillis(1));
        upstream = DemoUpstream.start(base.withDeliveryMix(RefusalDeliveryMix.plainTextOnly()));
        signalUpstream = DemoUpstream.start(base.withDeliveryMix(new RefusalDeliveryMix(0, 1, 0, 0)));
        filterUpstream = DemoUpstream.start(base.withDeliveryMix(new RefusalDeliveryMix(0, 0, 1, 0)));
        policyUpstream = DemoUpstream.start(base.withDeliveryMix(new RefusalDeliveryMix(0, 0, 0, 1)));
    }

    @AfterAll
    static void stop() {
        for (DemoUpstream u : List.of(upstream, signalUpstream, filterUpstream, policyUpstream)) {
            u.close();
        }
    }

    private static String body(String model, String user, boolean stream, boolean includeUsage) {
        Map<String, Object> req = new java.util.LinkedHashMap<>();
        req.put("model", model);
        req.put("messages", List.of(
                Map.of("role", "system", "content", DemoRequests.AGENT_SYSTEM_PROMPT),
                Map.of("role", "user", "content", List.of(Map.of("type", "text", "text", user)))));
        if (stream) {
            req.put("stream", true);
            if (includeUsage) {
                req.put("stream_options", Map.of("include_usage", true));
            }
        }
        return DemoHttp.jsonString(req);
    }

    @Test
    void nonStreamingAnswerIsAChatCompletionMarkedAsSimulated() {
        HttpResponse<String> r = DemoHttp.post(upstream.baseUri(), ChatCompletionsApi.PATH,
                body(DemoUpstreamConfig.LENIENT_MODEL, DemoHttp.BENIGN_LOG_QUESTION, false, false));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).contains("application/json"));
        assertThat(r.headers().firstValue(SimulatedDecision.HEADER)).hasValue("compliance");
        JsonNode c = DemoHttp.json(r.body());
        assertThat(c.path("object").asText()).isEqualTo("chat.completion");
        assertThat(c.path("id").asText()).startsWith("chatcmpl-");
        assertThat(c.path("model").asText()).isEqualTo(DemoUpstreamConfig.LENIENT_MODEL);
        JsonNode choice = c.path("choices").get(0);
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
        assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
        assertThat(choice.path("message").path("content").asText()).startsWith(SimulatedAnswers.MARKER);
        assertThat(choice.path("message").path("refusal").isNull()).isTrue();
        assertThat(c.path("usage").path("total_tokens").asInt())
                .isEqualTo(c.path("usage").path("prompt_tokens").asInt() + c.path("usage").path("completion_tokens").asInt());
    }

    @Test
    void streamingAnswerIsSeveralChunksEndingWithDoneAndUsage() {
        String request = body(DemoUpstreamConfig.LENIENT_MODEL, DemoHttp.BENIGN_LOG_QUESTION, true, true);
        HttpResponse<String> r = DemoHttp.post(upstream.baseUri(), ChatCompletionsApi.PATH, request);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        assertThat(r.headers().firstValue(SimulatedDecision.HEADER)).hasValue("compliance");
        List<DemoHttp.SseFrame> frames = DemoHttp.frames(r.body());
        assertThat(frames.get(frames.size() - 1).data()).isEqualTo("[DONE]");
        List<JsonNode> chunks = frames.subList(0, frames.size() - 1).stream().map(f -> DemoHttp.json(f.data())).toList();
        assertThat(chunks).hasSizeGreaterThan(5).allSatisfy(ch -> {
            assertThat(ch.path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(ch.has("usage")).isTrue();
        });
        assertThat(chunks.get(0).path("choices").get(0).path("delta").path("role").asText()).isEqualTo("assistant");
        JsonNode usageChunk = chunks.get(chunks.size() - 1);
        assertThat(usageChunk.path("choices")).isEmpty();
        assertThat(usageChunk.path("usage").path("completion_tokens").asInt()).isPositive();
        assertThat(chunks.get(chunks.size() - 2).path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
        String streamed = chunks.stream().flatMap(ch -> ch.path("choices").findValues("content").stream())
                .map(JsonNode::asText).collect(Collectors.joining());
        String whole = DemoHttp.json(DemoHttp.post(upstream.baseUri(), ChatCompletionsApi.PATH,
                        body(DemoUpstreamConfig.LENIENT_MODEL, DemoHttp.BENIGN_LOG_QUESTION, false, false)).body())
                .path("choices").get(0).path("message").path("content").asText();
        assertThat(streamed).isEqualTo(whole);
    }

    @Test
    void plainTextRefusalIsARealRefusalTextAsContent() {
        HttpResponse<String> r = DemoHttp.post(upstream.baseUri(), ChatCompletionsApi.PATH,
                body(DemoUpstreamConfig.DEFAULT_MODEL, DemoHttp.offensivePrompt(), false, false));
        assertThat(r.headers().firstValue(SimulatedDecision.HEADER)).hasValue("refusal");
        assertThat(r.headers().firstValue(SimulatedDecision.DELIVERY_HEADER)).hasValue("plain_text");
        String content = DemoHttp.json(r.body()).path("choices").get(0).path("message").path("content").asText();
        assertThat(RefusalTexts.bundled().all()).contains(content);
    }

    @Test
    void refusalFieldIsSetWithNullContentAndStreamedAsRefusalDeltas() {
        HttpResponse<String> r = DemoHttp.post(signalUpstream.baseUri(), ChatCompletionsApi.PATH,
                body(DemoUpstreamConfig.DEFAULT_MODEL, DemoHttp.offensivePrompt(), false, false));
        JsonNode message = DemoHttp.json(r.body()).path("choices").get(0).path("message");
        assertThat(message.path("content").isNull()).isTrue();
        assertThat(message.path("refusal").asText()).isNotBlank();
        HttpResponse<String> s = DemoHttp.post(signalUpstream.baseUri(), ChatCompletionsApi.PATH,
                body(DemoUpstreamConfig.DEFAULT_MODEL, DemoHttp.offensivePrompt(), true, false));
        List<DemoHttp.SseFrame> frames = DemoHttp.frames(s.body());
        String refusal = frames.stream().filter(f -> !f.data().equals("[DONE]")).map(f -> DemoHttp.json(f.data()))
                .flatMap(ch -> ch.path("choices").findValues("refusal").stream())
                .filter(JsonNode::isTextual).map(JsonNode::asText).collect(Collectors.joining());
        assertThat(refusal).isEqualTo(message.path("refusal").asText());
    }

    @Test
    void contentFilterFinishesWithEmptyContent() {
        HttpResponse<String> r = DemoHttp.post(filterUpstream.baseUri(), ChatCompletionsApi.PATH,
                body(DemoUpstreamConfig.DEFAULT_MODEL, DemoHttp.offensivePrompt(), false, false));
        JsonNode choice = DemoHttp.json(r.body()).path("choices").get(0);
        assertThat(choice.path("finish_reason").asText()).isEqualTo("content_filter");
        assertThat(choice.path("message").path("content").asText()).isEmpty();
        HttpResponse<String> s = DemoHttp.post(filterUpstream.baseUri(), ChatCompletionsApi.PATH,
                body(DemoUpstreamConfig.DEFAULT_MODEL, DemoHttp.offensivePrompt(), true, false));
        assertThat(s.body()).contains("\"finish_reason\":\"content_filter\"").endsWith("data: [DONE]\n\n");
    }

    @Test
    void policyErrorIsHttp400WithContentPolicyCode() {
        for (boolean stream : new boolean[] {false, true}) {
            HttpResponse<String> r = DemoHttp.post(policyUpstream.baseUri(), ChatCompletionsApi.PATH,
                    body(DemoUpstreamConfig.DEFAULT_MODEL, DemoHttp.offensivePrompt(), stream, false));
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.headers().firstValue(SimulatedDecision.HEADER)).hasValue("refusal");
            JsonNode error = DemoHttp.json(r.body()).path("error");
            assertThat(error.path("code").asText()).isEqualTo("content_policy_violation");
            assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        }
    }

    @Test
    void officialOpenAiSdkParsesNonStreamingAndStreamingAnswers() {
        OpenAIClient client = OpenAIOkHttpClient.builder()
                .baseUrl(upstream.baseUri() + "/v1").apiKey("demo-key").maxRetries(0).build();
        try {
            ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                    .model(DemoUpstreamConfig.LENIENT_MODEL)
                    .addSystemMessage(DemoRequests.AGENT_SYSTEM_PROMPT)
                    .addUserMessage(DemoHttp.BENIGN_LOG_QUESTION)
                    .build();
            ChatCompletion completion = client.chat().completions().create(params).validate();
            String content = completion.choices().get(0).message().content().orElseThrow();
            assertThat(content).startsWith(SimulatedAnswers.MARKER);
            StringBuilder streamed = new StringBuilder();
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
                stream.stream().forEach(chunk -> chunk.validate().choices()
                        .forEach(ch -> ch.delta().content().ifPresent(streamed::append)));
            }
            assertThat(streamed.toString()).isEqualTo(content);
        } finally {
            client.close();
        }
    }
}
