package dev.refusalguard.proxy;

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

/** A Chat Completions answer that calls a tool is never a refusal and reaches the agent byte for byte. */
class ChatToolCallsTest {

    private static final String REQUEST = "{\"model\":\"gpt-test\",%s\"messages\":[{\"role\":\"user\",\"content\":"
            + "\"Find the reverse shell payload in yesterday's web logs.\"}],\"tools\":[{\"type\":\"function\","
            + "\"function\":{\"name\":\"search_logs\",\"parameters\":{\"type\":\"object\"}}}]}";
    private static final String COMPLETION = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,"
            + "\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,"
            + "\"refusal\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":"
            + "\"search_logs\",\"arguments\":\"{\\\"query\\\":\\\"/dev/tcp\\\"}\"}}]},\"finish_reason\":\"tool_calls\"}],"
            + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":7,\"total_tokens\":12}}";
    private static final List<String> STREAM = List.of(
            chunk("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":"
                    + "\"function\",\"function\":{\"name\":\"search_logs\",\"arguments\":\"\"}}]}", null),
            chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"query\\\":\"}}]}", null),
            chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"/dev/tcp\\\"}\"}}]}", null),
            chunk("{}", "\"tool_calls\""),
            "data: [DONE]\n\n");

    private static String chunk(String delta, String finish) {
        return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-test\","
                + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + (finish == null ? "null" : finish)
                + "}]}\n\n";
    }

    @Test
    void toolCallAnswersPassUntouched() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> Full.json(COMPLETION));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            String request = REQUEST.formatted("");
            HttpResponse<String> r = RawHttp.post(proxy.baseUrl() + "/v1/chat/completions", request, Map.of());
            assertThat(r.body()).isEqualTo(COMPLETION);
            assertThat(r.headers().firstValue("x-refusalguard-action")).hasValue("none");
            assertThat(upstream.received()).hasSize(1);
            assertThat(upstream.received().get(0).body()).isEqualTo(request);
        }
    }

    @Test
    void streamedToolCallsPassUntouched() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> new Sse(STREAM, 2, false));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            HttpResponse<String> r = RawHttp.post(proxy.baseUrl() + "/v1/chat/completions",
                    REQUEST.formatted("\"stream\":true,"), Map.of());
            assertThat(r.body()).isEqualTo(String.join("", STREAM));
            assertThat(upstream.received()).hasSize(1);
        }
    }
}
