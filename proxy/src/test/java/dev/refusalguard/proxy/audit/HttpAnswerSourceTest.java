package dev.refusalguard.proxy.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refusalguard.proxy.config.ApiFormat;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpAnswerSourceTest {

    private static HttpAnswerSource source(ApiFormat format) {
        return new HttpAnswerSource(null, URI.create("http://127.0.0.1:1/v1/x"), format, "m", null,
                Duration.ofSeconds(5), 100);
    }

    @Test
    void openAiRefusalFieldIsAProviderSignal() throws IOException {
        UpstreamAnswer answer = source(ApiFormat.OPENAI).parse(200, """
                {"choices":[{"message":{"role":"assistant","content":null,"refusal":"I can't assist with that."},
                "finish_reason":"stop"}]}""", null);
        assertThat(answer.providerSignal()).isEqualTo("refusal_field");
        assertThat(answer.text()).isEqualTo("I can't assist with that.");
    }

    @Test
    void openAiContentFilterFinishIsAProviderSignal() throws IOException {
        UpstreamAnswer answer = source(ApiFormat.OPENAI).parse(200, """
                {"choices":[{"message":{"role":"assistant","content":"Partial"},"finish_reason":"content_filter"}]}""",
                null);
        assertThat(answer.providerSignal()).isEqualTo("content_filter");
    }

    @Test
    void openAiToolCallWithoutTextIsNotEmptyContent() throws IOException {
        UpstreamAnswer answer = source(ApiFormat.OPENAI).parse(200, """
                {"choices":[{"message":{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function",
                "function":{"name":"grep","arguments":"{}"}}]},"finish_reason":"tool_calls"}]}""", null);
        assertThat(answer.providerSignal()).isNull();
        assertThat(answer.toolCall()).isTrue();
    }

    @Test
    void anthropicRefusalStopReasonIsAProviderSignal() throws IOException {
        UpstreamAnswer answer = source(ApiFormat.ANTHROPIC).parse(200, """
                {"type":"message","content":[{"type":"text","text":"I won't"}],"stop_reason":"refusal"}""", null);
        assertThat(answer.providerSignal()).isEqualTo("stop_reason_refusal");
    }

    @Test
    void anthropicTextBlocksAreJoined() throws IOException {
        UpstreamAnswer answer = source(ApiFormat.ANTHROPIC).parse(200, """
                {"type":"message","content":[{"type":"text","text":"Step 1. "},{"type":"text","text":"Step 2."}],
                "stop_reason":"end_turn"}""", null);
        assertThat(answer.text()).isEqualTo("Step 1. Step 2.");
        assertThat(answer.providerSignal()).isNull();
    }

    @Test
    void policyErrorIsARefusalAndOtherClientErrorsAreFailures() throws IOException {
        UpstreamAnswer answer = source(ApiFormat.OPENAI).parse(400,
                "{\"error\":{\"code\":\"content_policy_violation\",\"message\":\"blocked\"}}", null);
        assertThat(answer.providerSignal()).isEqualTo("policy_error");
        assertThatThrownBy(() -> source(ApiFormat.OPENAI).parse(401, "{\"error\":{\"message\":\"bad key\"}}", null))
                .hasMessageContaining("HTTP 401").hasMessageContaining("bad key")
                .isNotInstanceOf(AnswerSource.RetryableException.class);
    }

    @Test
    void rateLimitsAndServerErrorsAreRetryableWithRetryAfter() {
        assertThatThrownBy(() -> source(ApiFormat.OPENAI).parse(429, "{}", "2"))
                .isInstanceOfSatisfying(AnswerSource.RetryableException.class,
                        e -> assertThat(e.retryAfterMillis()).isEqualTo(2000));
        assertThatThrownBy(() -> source(ApiFormat.ANTHROPIC).parse(529, "overloaded", null))
                .isInstanceOf(AnswerSource.RetryableException.class);
    }

    @Test
    void requestBodiesFollowEachFormat() throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode openAi = json.readTree(source(ApiFormat.OPENAI).body(new VariantRequest("sys", "user")));
        assertThat(openAi.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(openAi.at("/messages/1/content").asText()).isEqualTo("user");
        assertThat(openAi.get("max_tokens").asInt()).isEqualTo(100);
        JsonNode anthropic = json.readTree(source(ApiFormat.ANTHROPIC).body(new VariantRequest("sys", "user")));
        assertThat(anthropic.get("system").asText()).isEqualTo("sys");
        assertThat(anthropic.get("messages")).hasSize(1);
    }
}
