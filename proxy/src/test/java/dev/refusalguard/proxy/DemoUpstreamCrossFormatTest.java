package dev.refusalguard.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refusalguard.policies.StrategyKind;
import dev.refusalguard.proxy.config.ApiFormat;
import dev.refusalguard.proxy.config.ProxyConfig;
import dev.refusalguard.proxy.config.RecoveryConfig;
import dev.refusalguard.proxy.config.RouteConfig;
import dev.refusalguard.proxy.config.ServerConfig;
import dev.refusalguard.proxy.config.UpstreamConfig;
import dev.refusalguard.proxy.demo.DemoPrompt;
import dev.refusalguard.proxy.demo.DemoPromptSet;
import dev.refusalguard.proxy.demo.DemoUpstream;
import dev.refusalguard.proxy.demo.DemoUpstreamConfig;
import dev.refusalguard.proxy.testing.ProxyHarness;
import dev.refusalguard.proxy.testing.RawHttp;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cross-format recovery against the demo simulator: a Chat Completions agent asks the strict model on the
 * simulator's OpenAI side; refusals are rerouted to the lenient model, which a route sends to the simulator's
 * Anthropic side (/v1/messages), and the agent still gets Chat Completions, streamed or not.
 */
class DemoUpstreamCrossFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SYSTEM = "You are a SOC assistant for Example Corp.";
    private static final String GUARDED = DemoUpstreamConfig.DEFAULT_MODEL;
    private static final String LENIENT = DemoUpstreamConfig.LENIENT_MODEL;

    private static ProxyConfig config(String demoUrl) {
        return new ProxyConfig(ServerConfig.defaults().withListen("127.0.0.1:0", "127.0.0.1:0"),
                // The Anthropic side is reached across formats, so it needs an apiKeyEnv (unset here: no key sent).
                List.of(new UpstreamConfig("demo-openai", demoUrl, ApiFormat.OPENAI, null, List.of(GUARDED)),
                        new UpstreamConfig("demo-anthropic", demoUrl, ApiFormat.ANTHROPIC,
                                "RG_TEST_ANTHROPIC_KEY_UNSET", List.of(LENIENT))),
                List.of(new RouteConfig(LENIENT, "demo-anthropic")), "demo-openai", null, null,
                new RecoveryConfig(null, 2, null, null, List.of(StrategyKind.REROUTE), Map.of(GUARDED, List.of(LENIENT)), null, null),
                null, null, null, null);
    }

    private static String request(String prompt, boolean stream) {
        ObjectNode body = JSON.createObjectNode().put("model", GUARDED);
        if (stream) {
            body.put("stream", true);
        }
        body.putArray("messages").add(JSON.createObjectNode().put("role", "system").put("content", SYSTEM))
                .add(JSON.createObjectNode().put("role", "user").put("content", prompt));
        return body.toString();
    }

    /** Text of a chat.completion, or of the content deltas of a chunk stream. */
    private static String chatText(String body, boolean stream) throws Exception {
        if (!stream) {
            return JSON.readTree(body).path("choices").path(0).path("message").path("content").asText();
        }
        StringBuilder text = new StringBuilder();
        for (String event : body.split("\n\n")) {
            String data = event.substring("data: ".length());
            if (!data.equals("[DONE]")) {
                JsonNode chunk = JSON.readTree(data);
                assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
                text.append(chunk.path("choices").path(0).path("delta").path("content").asText(""));
            }
        }
        assertThat(body).endsWith("data: [DONE]\n\n");
        return text.toString();
    }

    @Test
    void refusalsOfTheStrictModelAreReroutedToTheAnthropicSideAndArriveAsChatCompletions() throws Exception {
        try (DemoUpstream demo = DemoUpstream.start(DemoUpstreamConfig.defaults().withChunkDelay(Duration.ZERO));
             RefusalGuardProxy proxy = ProxyHarness.start(demo.baseUri().toString(), ProxyHarness.classifier(),
                     c -> config(demo.baseUri().toString()))) {
            List<DemoPrompt> refusedThenAnswered = DemoPromptSet.bundled().stream()
                    .filter(p -> !p.offensive() && p.sensitive())
                    .filter(p -> demo.model().decide(GUARDED, SYSTEM, p.text()).refusal())
                    .filter(p -> !demo.model().decide(LENIENT, SYSTEM, p.text()).refusal())
                    .limit(4).toList();
            assertThat(refusedThenAnswered).hasSize(4);
            int rerouted = 0;
            for (int i = 0; i < refusedThenAnswered.size(); i++) {
                DemoPrompt prompt = refusedThenAnswered.get(i);
                boolean stream = i % 2 == 1;
                HttpResponse<String> r = RawHttp.post(proxy.baseUrl() + "/v1/chat/completions",
                        request(prompt.text(), stream), Map.of());
                assertThat(r.statusCode()).isEqualTo(200);
                String text = chatText(r.body(), stream);
                if (r.headers().firstValue("x-refusalguard-action").orElse("").equals("rerouted")) {
                    rerouted++;
                    assertThat(text).as("only the lenient model's answer, no byte of the refusal")
                            .isEqualTo(demo.model().decide(LENIENT, SYSTEM, prompt.text()).text());
                }
            }
            assertThat(rerouted).as("defensive refusals recovered on the Anthropic side").isGreaterThan(0);
        }
    }
}
