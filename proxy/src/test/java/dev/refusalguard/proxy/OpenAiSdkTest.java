package dev.refusalguard.proxy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.refusalguard.proxy.testing.OpenAiReplies;
import dev.refusalguard.proxy.testing.ProxyHarness;
import dev.refusalguard.proxy.testing.ScriptedUpstream;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Full;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Sse;
import org.junit.jupiter.api.Test;

import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The official OpenAI Java SDK pointed at the proxy, changing nothing else, streaming and not. */
class OpenAiSdkTest {

    private static final String REFUSAL = "I'm sorry, but I can't help with writing a reverse shell payload.";
    private static final String ANSWER = "Here is a Sigma rule that flags bash processes with a socket on stdin.";

    private static ScriptedUpstream upstream() throws InterruptedException {
        return new ScriptedUpstream(r -> {
            boolean sensitive = r.body().contains("reverse shell");
            String text = sensitive ? REFUSAL : ANSWER;
            return r.body().contains("\"stream\":true") ? new Sse(OpenAiReplies.streamEvents(text, 6), 2, false)
                    : Full.json(OpenAiReplies.completion(text));
        });
    }

    private static OpenAIClient client(RefusalGuardProxy proxy) {
        return OpenAIOkHttpClient.builder().baseUrl(proxy.baseUrl() + "/v1").apiKey("sk-test").maxRetries(0).build();
    }

    private static ChatCompletionCreateParams params() {
        return ChatCompletionCreateParams.builder().model("gpt-4o-mini")
                .addSystemMessage("You are a SOC assistant.")
                .addUserMessage("Write a detection for a reverse shell spawned by a web server process.").build();
    }

    @Test
    void sdkGetsTheRecoveredCompletion() throws Exception {
        try (ScriptedUpstream upstream = upstream();
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            ChatCompletion completion = client(proxy).chat().completions().create(params());
            assertThat(completion.choices().get(0).message().content()).hasValue(ANSWER);
            assertThat(upstream.received()).hasSize(2);
        }
    }

    @Test
    void sdkStreamGetsOnlyTheRecoveredChunks() throws Exception {
        try (ScriptedUpstream upstream = upstream();
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier());
             StreamResponse<ChatCompletionChunk> stream = client(proxy).chat().completions()
                     .createStreaming(params())) {
            String text = stream.stream()
                    .flatMap(c -> c.choices().stream())
                    .map(c -> c.delta().content().orElse(""))
                    .collect(Collectors.joining());
            assertThat(text).isEqualTo(ANSWER);
        }
    }
}
