package dev.refusalguard.proxy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.refusalguard.policies.StrategyKind;
import dev.refusalguard.proxy.config.ApiFormat;
import dev.refusalguard.proxy.config.ProxyConfig;
import dev.refusalguard.proxy.config.RecoveryConfig;
import dev.refusalguard.proxy.config.RouteConfig;
import dev.refusalguard.proxy.config.ServerConfig;
import dev.refusalguard.proxy.config.UpstreamConfig;
import dev.refusalguard.proxy.testing.AnthropicReplies;
import dev.refusalguard.proxy.testing.OpenAiReplies;
import dev.refusalguard.proxy.testing.ProxyHarness;
import dev.refusalguard.proxy.testing.RawHttp;
import dev.refusalguard.proxy.testing.ScriptedUpstream;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Full;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Sse;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reroute across formats: a Chat Completions agent refused by an OpenAI-format upstream is served by an Anthropic
 * upstream and the reverse; the agent gets the answer in the format it asked for, streaming included, and never
 * a byte of the refusal.
 */
class CrossFormatRerouteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REFUSAL = "I'm sorry, but I can't help with building a reverse shell payload.";
    private static final String ANSWER = "Here is an auditd rule that flags a shell whose stdin is a network socket.";
    private static final String PROMPT = "Write a detection for a reverse shell spawned by a web server process.";
    private static final String TOOL_ARGS = "{\"query\":\"bash -i >& /dev/tcp\",\"hours\":24}";

    /**
     * openai upstream serves gpt-*, anthropic upstream serves claude-*; each model falls back to the other. Both are
     * reached across formats, so start-up requires an apiKeyEnv; the variables are unset here, so no key at all is
     * sent, and the tests see that the agent's own key never crosses over.
     */
    private static ProxyConfig config(String openAiUrl, String anthropicUrl) {
        return new ProxyConfig(ServerConfig.defaults().withListen("127.0.0.1:0", "127.0.0.1:0"),
                List.of(new UpstreamConfig("openai", openAiUrl, ApiFormat.OPENAI, "RG_TEST_OPENAI_KEY_UNSET",
                                List.of("gpt-test")),
                        new UpstreamConfig("anthropic", anthropicUrl, ApiFormat.ANTHROPIC,
                                "RG_TEST_ANTHROPIC_KEY_UNSET",
                                List.of("claude-test"))),
                List.of(new RouteConfig("claude-*", "anthropic"), new RouteConfig("gpt-*", "openai")), "openai",
                null, null, new RecoveryConfig(null, null, null, null, List.of(StrategyKind.REROUTE),
                Map.of("gpt-test", List.of("claude-test"), "claude-test", List.of("gpt-test")), null, null), null, null, null, null);
    }

    private static RefusalGuardProxy start(ScriptedUpstream openAi, ScriptedUpstream anthropic) throws Exception {
        return ProxyHarness.start(openAi.baseUrl(), ProxyHarness.classifier(),
                c -> config(openAi.baseUrl(), anthropic.baseUrl()));
    }

    private static boolean streaming(ScriptedUpstream.Received r) {
        return r.body().contains("\"stream\":true");
    }

    /** Always refuses in Chat Completions format. */
    private static ScriptedUpstream refusingOpenAi() throws InterruptedException {
        return new ScriptedUpstream(r -> streaming(r) ? new Sse(OpenAiReplies.streamEvents(REFUSAL, 8), 2, false)
                : Full.json(OpenAiReplies.completion(REFUSAL)));
    }

    /** Always refuses in Anthropic format (stop_reason "refusal"). */
    private static ScriptedUpstream refusingAnthropic() throws InterruptedException {
        return new ScriptedUpstream(r -> streaming(r) ? new Sse(AnthropicReplies.streamEvents(REFUSAL, 8, "refusal"),
                2, false) : Full.json(AnthropicReplies.message(REFUSAL, "refusal")));
    }

    private static OpenAIClient openAiClient(RefusalGuardProxy proxy) {
        return OpenAIOkHttpClient.builder().baseUrl(proxy.baseUrl() + "/v1").apiKey("sk-agent-openai")
                .maxRetries(0).build();
    }

    private static AnthropicClient anthropicClient(RefusalGuardProxy proxy) {
        return AnthropicOkHttpClient.builder().baseUrl(proxy.baseUrl()).apiKey("sk-agent-anthropic").maxRetries(0)
                .build();
    }

    private static ChatCompletionCreateParams.Builder chatParams() {
        return ChatCompletionCreateParams.builder().model("gpt-test").addSystemMessage("You are a SOC assistant.")
                .addUserMessage(PROMPT).maxCompletionTokens(300)
                .addTool(ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder().name("search_logs")
                        .description("Search the SIEM").parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object")).build()).build()).build());
    }

    private static MessageCreateParams anthropicParams() {
        return MessageCreateParams.builder().model("claude-test").maxTokens(300).system("You are a SOC assistant.")
                .addUserMessage(PROMPT).build();
    }

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    @Test
    void chatAgentIsReroutedToAnthropicAndGetsAChatCompletion() throws Exception {
        try (ScriptedUpstream openAi = refusingOpenAi();
             ScriptedUpstream anthropic = new ScriptedUpstream(r -> Full.json(AnthropicReplies.message(ANSWER,
                     "end_turn")));
             RefusalGuardProxy proxy = start(openAi, anthropic)) {
            ChatCompletion completion = openAiClient(proxy).chat().completions().create(chatParams().build());
            assertThat(completion.choices().get(0).message().content()).hasValue(ANSWER);
            assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
            assertThat(completion.usage().get().completionTokens()).isEqualTo(34);
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
    void chatAgentStreamIsReroutedToAnthropicWithoutAByteOfTheRefusal() throws Exception {
        try (ScriptedUpstream openAi = refusingOpenAi();
             ScriptedUpstream anthropic = new ScriptedUpstream(r -> new Sse(AnthropicReplies.streamEvents(ANSWER, 7,
                     "end_turn"), 2, false));
             RefusalGuardProxy proxy = start(openAi, anthropic)) {
            StringBuilder text = new StringBuilder();
            long[] usage = {-1};
            try (var stream = openAiClient(proxy).chat().completions().createStreaming(chatParams()
                    .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
                stream.stream().forEach((ChatCompletionChunk c) -> {
                    c.choices().forEach(ch -> text.append(ch.delta().content().orElse("")));
                    c.usage().ifPresent(u -> usage[0] = u.completionTokens());
                });
            }
            assertThat(text.toString()).isEqualTo(ANSWER);
            assertThat(usage[0]).isEqualTo(34);
            HttpResponse<String> raw = RawHttp.post(proxy.baseUrl() + "/v1/chat/completions", "{\"model\":\"gpt-test\","
                    + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}", Map.of());
            assertThat(raw.body()).doesNotContain("sorry").doesNotContain("event:").contains("\"finish_reason\":\"stop\"")
                    .endsWith("data: [DONE]\n\n");
            assertThat(raw.headers().firstValue("x-refusalguard-action")).hasValue("rerouted");
        }
    }

    @Test
    void anthropicToolUseReachesAChatAgentAsToolCalls() throws Exception {
        try (ScriptedUpstream openAi = refusingOpenAi();
             ScriptedUpstream anthropic = new ScriptedUpstream(r -> streaming(r)
                     ? new Sse(AnthropicReplies.toolUseStream("search_logs", TOOL_ARGS), 2, false)
                     : Full.json(AnthropicReplies.toolUse("search_logs", TOOL_ARGS)));
             RefusalGuardProxy proxy = start(openAi, anthropic)) {
            ChatCompletion completion = openAiClient(proxy).chat().completions().create(chatParams().build());
            ChatCompletionMessageToolCall call = completion.choices().get(0).message().toolCalls().get().get(0);
            assertThat(call.asFunction().function().name()).isEqualTo("search_logs");
            assertThat(json(call.asFunction().function().arguments())).isEqualTo(json(TOOL_ARGS));
            assertThat(completion.choices().get(0).finishReason())
                    .isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
            StringBuilder arguments = new StringBuilder();
            try (var stream = openAiClient(proxy).chat().completions().createStreaming(chatParams().build())) {
                stream.stream().forEach(c -> c.choices().forEach(ch -> ch.delta().toolCalls().ifPresent(calls ->
                        calls.forEach(tc -> tc.function().flatMap(f -> f.arguments()).ifPresent(arguments::append)))));
            }
            assertThat(json(arguments.toString())).isEqualTo(json(TOOL_ARGS));
        }
    }

    @Test
    void anthropicAgentIsReroutedToOpenAiAndGetsAnAnthropicMessage() throws Exception {
        try (ScriptedUpstream anthropic = refusingAnthropic();
             ScriptedUpstream openAi = new ScriptedUpstream(r -> Full.json(OpenAiReplies.completion(ANSWER)));
             RefusalGuardProxy proxy = start(openAi, anthropic)) {
            Message message = anthropicClient(proxy).messages().create(anthropicParams());
            assertThat(message.content().get(0).asText().text()).isEqualTo(ANSWER);
            assertThat(message.stopReason()).hasValue(StopReason.END_TURN);
            assertThat(message.usage().outputTokens()).isEqualTo(20);
            ScriptedUpstream.Received sent = openAi.received().get(0);
            assertThat(sent.uri()).isEqualTo("/v1/chat/completions");
            assertThat(sent.headers().get("x-api-key")).isNull();
            assertThat(sent.headers().get("anthropic-version")).isNull();
            JsonNode body = json(sent.body());
            assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
            assertThat(body.path("messages").get(1).path("content").asText()).isEqualTo(PROMPT);
            assertThat(body.path("model").asText()).isEqualTo("gpt-test");
        }
    }

    @Test
    void anthropicAgentStreamIsReroutedToOpenAiWithoutAByteOfTheRefusal() throws Exception {
        try (ScriptedUpstream anthropic = refusingAnthropic();
             ScriptedUpstream openAi = new ScriptedUpstream(r -> new Sse(OpenAiReplies.streamEvents(ANSWER, 6), 2,
                     false));
             RefusalGuardProxy proxy = start(openAi, anthropic)) {
            MessageAccumulator accumulator = MessageAccumulator.create();
            try (StreamResponse<RawMessageStreamEvent> stream =
                         anthropicClient(proxy).messages().createStreaming(anthropicParams())) {
                stream.stream().forEach(accumulator::accumulate);
            }
            assertThat(accumulator.message().content().get(0).asText().text()).isEqualTo(ANSWER);
            assertThat(accumulator.message().stopReason()).hasValue(StopReason.END_TURN);
            assertThat(json(openAi.received().get(0).body()).path("stream_options").path("include_usage").asBoolean())
                    .isTrue();
            HttpResponse<String> raw = RawHttp.post(proxy.baseUrl() + "/v1/messages", "{\"model\":\"claude-test\","
                    + "\"max_tokens\":50,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT
                    + "\"}]}", Map.of("anthropic-version", "2023-06-01"));
            assertThat(raw.body()).doesNotContain("sorry").startsWith("event: message_start\n")
                    .endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        }
    }

    @Test
    void openAiToolCallsReachAnAnthropicAgentAsToolUse() throws Exception {
        String completion = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-test\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":"
                + "\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"search_logs\",\"arguments\":"
                + JSON.writeValueAsString(TOOL_ARGS) + "}}]},\"finish_reason\":\"tool_calls\"}],\"usage\":{"
                + "\"prompt_tokens\":5,\"completion_tokens\":7,\"total_tokens\":12}}";
        try (ScriptedUpstream anthropic = refusingAnthropic();
             ScriptedUpstream openAi = new ScriptedUpstream(r -> Full.json(completion));
             RefusalGuardProxy proxy = start(openAi, anthropic)) {
            String agentBody = "{\"model\":\"claude-test\",\"max_tokens\":50,\"tools\":[{\"name\":\"search_logs\","
                    + "\"input_schema\":{\"type\":\"object\"}}],\"tool_choice\":{\"type\":\"any\"},\"messages\":["
                    + "{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}";
            HttpResponse<String> raw = RawHttp.post(proxy.baseUrl() + "/v1/messages", agentBody, Map.of());
            JsonNode message = json(raw.body());
            assertThat(message.path("stop_reason").asText()).isEqualTo("tool_use");
            assertThat(message.path("content").get(0).path("type").asText()).isEqualTo("tool_use");
            assertThat(message.path("content").get(0).path("input")).isEqualTo(json(TOOL_ARGS));
            JsonNode sent = json(openAi.received().get(0).body());
            assertThat(sent.path("tools").get(0).path("function").path("name").asText()).isEqualTo("search_logs");
            assertThat(sent.path("tool_choice").asText()).isEqualTo("required");
        }
    }

    @Test
    void aModelRoutedToAnotherFormatIsTranslatedOnTheFirstAttempt() throws Exception {
        try (ScriptedUpstream openAi = refusingOpenAi();
             ScriptedUpstream anthropic = new ScriptedUpstream(r -> Full.json(AnthropicReplies.message(ANSWER,
                     "end_turn")));
             RefusalGuardProxy proxy = start(openAi, anthropic)) {
            ChatCompletion completion = openAiClient(proxy).chat().completions()
                    .create(chatParams().model("claude-test").build());
            assertThat(completion.choices().get(0).message().content()).hasValue(ANSWER);
            assertThat(openAi.received()).isEmpty();
            assertThat(anthropic.received()).hasSize(1);
        }
    }

    @Test
    void anthropicErrorsReachAChatAgentInOpenAisShape() throws Exception {
        try (ScriptedUpstream openAi = refusingOpenAi();
             ScriptedUpstream anthropic = new ScriptedUpstream(r -> new Full(529, "application/json",
                     AnthropicReplies.error("overloaded_error", "Overloaded"), false));
             RefusalGuardProxy proxy = start(openAi, anthropic)) {
            HttpResponse<String> raw = RawHttp.post(proxy.baseUrl() + "/v1/chat/completions",
                    "{\"model\":\"claude-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", Map.of());
            assertThat(raw.statusCode()).isEqualTo(529);
            JsonNode error = json(raw.body()).path("error");
            assertThat(error.path("message").asText()).isEqualTo("Overloaded");
            assertThat(error.path("code").asText()).isEqualTo("overloaded_error");
        }
    }
}
