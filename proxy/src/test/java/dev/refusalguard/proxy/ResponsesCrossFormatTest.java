package dev.refusalguard.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import dev.refusalguard.policies.StrategyKind;
import dev.refusalguard.proxy.config.ApiFormat;
import dev.refusalguard.proxy.config.ProxyConfig;
import dev.refusalguard.proxy.config.RecoveryConfig;
import dev.refusalguard.proxy.config.RouteConfig;
import dev.refusalguard.proxy.config.ServerConfig;
import dev.refusalguard.proxy.config.UpstreamConfig;
import dev.refusalguard.proxy.testing.AnthropicReplies;
import dev.refusalguard.proxy.testing.ProxyHarness;
import dev.refusalguard.proxy.testing.RawHttp;
import dev.refusalguard.proxy.testing.ResponsesReplies;
import dev.refusalguard.proxy.testing.ScriptedUpstream;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Full;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Sse;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agent on the OpenAI Responses API (the official Java SDK) served by an Anthropic Messages upstream: rerouted
 * after a refusal, or routed there from the start; text, instructions and function tools, streaming included.
 */
class ResponsesCrossFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REFUSAL = "I'm sorry, but I can't help with building a reverse shell payload.";
    private static final String ANSWER = "Here is an auditd rule that flags a shell whose stdin is a network socket.";
    private static final String PROMPT = "Write a detection for a reverse shell spawned by a web server process.";
    private static final String TOOL_ARGS = "{\"query\":\"bash -i >& /dev/tcp\",\"hours\":24}";

    /** openai upstream serves gpt-*, anthropic upstream serves claude-*; each model falls back to the other. */
    private static ProxyConfig config(String openAiUrl, String anthropicUrl) {
        return new ProxyConfig(ServerConfig.defaults().withListen("127.0.0.1:0", "127.0.0.1:0"),
                // Reached across formats, so an apiKeyEnv is required; unset here: no key is sent at all.
                List.of(new UpstreamConfig("openai", openAiUrl, ApiFormat.OPENAI, "RG_TEST_OPENAI_KEY_UNSET",
                                List.of("gpt-test")),
                        new UpstreamConfig("anthropic", anthropicUrl, ApiFormat.ANTHROPIC,
                                "RG_TEST_ANTHROPIC_KEY_UNSET",
                                List.of("claude-test"))),
                List.of(new RouteConfig("claude-*", "anthropic"), new RouteConfig("gpt-*", "openai")), "openai",
                null, null, new RecoveryConfig(null, null, null, null, List.of(StrategyKind.REROUTE),
                Map.of("gpt-test", List.of("claude-test"), "claude-test", List.of("gpt-test")), null, null),
                null, null, null, null);
    }

    private static RefusalGuardProxy start(ScriptedUpstream openAi, ScriptedUpstream anthropic) throws Exception {
        return ProxyHarness.start(openAi.baseUrl(), ProxyHarness.classifier(),
                c -> config(openAi.baseUrl(), anthropic.baseUrl()));
    }

    private static boolean streaming(ScriptedUpstream.Received r) {
        return r.body().contains("\"stream\":true");
    }

    /** Refuses in the Responses format (a refusal content part), streamed when asked. */
    private static ScriptedUpstream refusingOpenAi() throws InterruptedException {
        return new ScriptedUpstream(r -> streaming(r) ? new Sse(ResponsesReplies.streamEvents(REFUSAL, 8, true), 2,
                false) : Full.json(ResponsesReplies.response(REFUSAL, true)));
    }

    private static ScriptedUpstream answeringAnthropic() throws InterruptedException {
        return new ScriptedUpstream(r -> streaming(r)
                ? new Sse(AnthropicReplies.streamEvents(ANSWER, 7, "end_turn"), 2, false)
                : Full.json(AnthropicReplies.message(ANSWER, "end_turn")));
    }

    private static OpenAIClient client(RefusalGuardProxy proxy) {
        return OpenAIOkHttpClient.builder().baseUrl(proxy.baseUrl() + "/v1").apiKey("sk-agent-openai")
                .maxRetries(0).build();
    }

    private static ResponseCreateParams.Builder params() {
        return ResponseCreateParams.builder().model("gpt-test").instructions("You are a SOC assistant.")
                .input(PROMPT).maxOutputTokens(300)
                .addTool(FunctionTool.builder().name("search_logs").description("Search the SIEM").strict(false)
                        .parameters(FunctionTool.Parameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object")).build()).build());
    }

    private static String text(Response response) {
        return response.output().stream().filter(o -> o.isMessage())
                .flatMap(o -> o.asMessage().content().stream())
                .map(c -> c.isOutputText() ? c.asOutputText().text() : "[refusal] " + c.asRefusal().refusal())
                .collect(Collectors.joining());
    }

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    @Test
    void responsesAgentIsReroutedToAnthropicAndGetsAResponse() throws Exception {
        try (ScriptedUpstream openAi = refusingOpenAi();
             ScriptedUpstream anthropic = answeringAnthropic();
             RefusalGuardProxy proxy = start(openAi, anthropic)) {
            Response response = client(proxy).responses().create(params().build());
            assertThat(text(response)).isEqualTo(ANSWER);
            assertThat(response.status()).hasValue(ResponseStatus.COMPLETED);
            assertThat(response.usage().get().outputTokens()).isEqualTo(34);
            ScriptedUpstream.Received sent = anthropic.received().get(0);
            assertThat(sent.uri()).isEqualTo("/v1/messages");
            assertThat(sent.headers().get("anthropic-version")).isEqualTo("2023-06-01");
            assertThat(sent.headers().get("authorization")).as("the agent's OpenAI key never goes to Anthropic")
                    .isNull();
            JsonNode body = json(sent.body());
            assertThat(body.path("model").asText()).isEqualTo("claude-test");
            assertThat(body.path("system").asText()).isEqualTo("You are a SOC assistant.");
            assertThat(body.path("max_tokens").asInt()).isEqualTo(300);
            assertThat(body.path("messages").get(0).path("content").get(0).path("text").asText()).isEqualTo(PROMPT);
            assertThat(body.path("tools").get(0).path("name").asText()).isEqualTo("search_logs");
            assertThat(body.path("tools").get(0).path("input_schema").path("type").asText()).isEqualTo("object");
        }
    }

    @Test
    void responsesAgentStreamIsReroutedToAnthropicWithoutAByteOfTheRefusal() throws Exception {
        try (ScriptedUpstream openAi = refusingOpenAi();
             ScriptedUpstream anthropic = answeringAnthropic();
             RefusalGuardProxy proxy = start(openAi, anthropic)) {
            StringBuilder text = new StringBuilder();
            List<Response> completed = new ArrayList<>();
            try (StreamResponse<ResponseStreamEvent> stream = client(proxy).responses()
                    .createStreaming(params().build())) {
                stream.stream().forEach(e -> {
                    e.outputTextDelta().ifPresent(d -> text.append(d.delta()));
                    e.completed().ifPresent(c -> completed.add(c.response()));
                });
            }
            assertThat(text.toString()).isEqualTo(ANSWER);
            assertThat(completed).hasSize(1);
            assertThat(text(completed.get(0))).isEqualTo(ANSWER);
            assertThat(completed.get(0).usage().get().outputTokens()).isEqualTo(34);
            HttpResponse<String> raw = RawHttp.post(proxy.baseUrl() + "/v1/responses", "{\"model\":\"gpt-test\","
                    + "\"stream\":true,\"input\":\"" + PROMPT + "\"}", Map.of());
            assertThat(raw.body()).doesNotContain("sorry").doesNotContain("message_start")
                    .startsWith("event: response.created\n").contains("event: response.completed\n");
            assertThat(raw.headers().firstValue("x-refusalguard-action")).hasValue("rerouted");
        }
    }

    @Test
    void anthropicToolUseReachesAResponsesAgentAsFunctionCalls() throws Exception {
        try (ScriptedUpstream openAi = refusingOpenAi();
             ScriptedUpstream anthropic = new ScriptedUpstream(r -> streaming(r)
                     ? new Sse(AnthropicReplies.toolUseStream("search_logs", TOOL_ARGS), 2, false)
                     : Full.json(AnthropicReplies.toolUse("search_logs", TOOL_ARGS)));
             RefusalGuardProxy proxy = start(openAi, anthropic)) {
            Response response = client(proxy).responses().create(params().model("claude-test").build());
            ResponseFunctionToolCall call = response.output().stream().filter(o -> o.isFunctionCall())
                    .findFirst().orElseThrow().asFunctionCall();
            assertThat(call.name()).isEqualTo("search_logs");
            assertThat(call.callId()).isEqualTo("toolu_01");
            assertThat(json(call.arguments())).isEqualTo(json(TOOL_ARGS));
            StringBuilder arguments = new StringBuilder();
            List<String> doneArguments = new ArrayList<>();
            try (StreamResponse<ResponseStreamEvent> stream = client(proxy).responses()
                    .createStreaming(params().model("claude-test").build())) {
                stream.stream().forEach(e -> {
                    e.functionCallArgumentsDelta().ifPresent(d -> arguments.append(d.delta()));
                    e.outputItemDone().filter(d -> d.item().isFunctionCall())
                            .ifPresent(d -> doneArguments.add(d.item().asFunctionCall().arguments()));
                });
            }
            assertThat(json(arguments.toString())).isEqualTo(json(TOOL_ARGS));
            assertThat(doneArguments).containsExactly(TOOL_ARGS);
            assertThat(openAi.received()).as("claude-test is routed to Anthropic from the first attempt").isEmpty();
        }
    }

    @Test
    void anthropicRefusalOnARoutedModelIsSeenThroughTheTranslationAndRecovered() throws Exception {
        try (ScriptedUpstream anthropic = new ScriptedUpstream(r -> streaming(r)
                ? new Sse(AnthropicReplies.streamEvents("", 8, "refusal"), 2, false)
                : Full.json(AnthropicReplies.message("", "refusal")));
             ScriptedUpstream openAi = new ScriptedUpstream(r -> streaming(r)
                     ? new Sse(ResponsesReplies.streamEvents(ANSWER, 9, false), 2, false)
                     : Full.json(ResponsesReplies.response(ANSWER, false)));
             RefusalGuardProxy proxy = start(openAi, anthropic)) {
            assertThat(text(client(proxy).responses().create(params().model("claude-test").build())))
                    .isEqualTo(ANSWER);
            StringBuilder streamed = new StringBuilder();
            // Another request text, so the recovery memory does not skip the refused attempt.
            try (StreamResponse<ResponseStreamEvent> stream = client(proxy).responses()
                    .createStreaming(params().model("claude-test").input(PROMPT + " Add a Sigma version.").build())) {
                stream.stream().forEach(e -> e.outputTextDelta().ifPresent(d -> streamed.append(d.delta())));
            }
            assertThat(streamed.toString()).isEqualTo(ANSWER);
            assertThat(anthropic.received()).hasSize(2);
            assertThat(openAi.received()).hasSize(2).allSatisfy(r -> {
                assertThat(r.uri()).isEqualTo("/v1/responses");
                assertThat(r.body()).contains("\"model\":\"gpt-test\"");
            });
        }
    }

    @Test
    void anthropicErrorsReachAResponsesAgentInOpenAisShape() throws Exception {
        try (ScriptedUpstream openAi = refusingOpenAi();
             ScriptedUpstream anthropic = new ScriptedUpstream(r -> new Full(529, "application/json",
                     AnthropicReplies.error("overloaded_error", "Overloaded"), false));
             RefusalGuardProxy proxy = start(openAi, anthropic)) {
            HttpResponse<String> raw = RawHttp.post(proxy.baseUrl() + "/v1/responses",
                    "{\"model\":\"claude-test\",\"input\":\"hi\"}", Map.of());
            assertThat(raw.statusCode()).isEqualTo(529);
            JsonNode error = json(raw.body()).path("error");
            assertThat(error.path("message").asText()).isEqualTo("Overloaded");
            assertThat(error.path("code").asText()).isEqualTo("overloaded_error");
        }
    }
}
