package dev.refusalguard.proxy;

import dev.refusalguard.proxy.testing.ProxyHarness;
import dev.refusalguard.proxy.testing.RawHttp;
import dev.refusalguard.proxy.testing.ScriptedUpstream;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Pieces;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Reply;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Sse;
import dev.refusalguard.proxy.testing.StreamFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compressed upstream answers in every inspected API: gzip streams (chunked, and with a Content-Length) and
 * chunked gzip JSON are decoded before inspection, a refusal inside them is recovered before the agent gets a
 * byte, and the agent receives the decoded answer with headers that say so (no Content-Encoding).
 */
class CompressedUpstreamTest {

    private static final String PROMPT = "Our IDS flagged an exploit attempt against our web server. "
            + "How do we patch it and detect repeats?";
    private static final String REFUSAL = "I'm sorry, but I can't assist with exploiting vulnerabilities or writing "
            + "exploits.";
    private static final String ANSWER = "Patch the service, then add a WAF rule and an IDS signature for the "
            + "request pattern so repeats are caught.";
    /** The agent's preference, as an SDK on Node sends it; the proxy may only offer the upstream what it decodes. */
    private static final Map<String, String> AGENT_HEADERS = Map.of("accept-encoding", "br, gzip, deflate",
            "anthropic-version", "2023-06-01");

    /** Refuses while the request still says "exploit"; {@code reply} frames the chosen events. */
    private static Function<ScriptedUpstream.Received, Reply> refusingWhileSensitive(StreamFormat format,
            Function<List<String>, Reply> reply) {
        return r -> reply.apply(format.events(r.body().contains("exploit") ? REFUSAL : ANSWER, 16));
    }

    private static HttpResponse<String> post(RefusalGuardProxy proxy, StreamFormat format, boolean stream)
            throws Exception {
        return RawHttp.post(proxy.baseUrl() + format.path(), format.body(PROMPT, stream), AGENT_HEADERS);
    }

    private static void assertDecodedForTheAgent(HttpResponse<String> r) {
        assertThat(r.headers().firstValue("content-encoding")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(StreamFormat.class)
    void gzipStreamedRefusalIsRecoveredBeforeAnyByteReachesTheAgent(StreamFormat format) throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(refusingWhileSensitive(format, Sse::gzipped));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            HttpResponse<String> r = post(proxy, format, true);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(String.join("", format.events(ANSWER, 16)))
                    .doesNotContain("sorry");
            assertThat(r.headers().firstValue("x-refusalguard-action")).hasValue("rephrased");
            assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(
                    ct -> assertThat(ct).startsWith("text/event-stream"));
            assertDecodedForTheAgent(r);
            assertThat(upstream.received()).hasSize(2);
            assertThat(upstream.received()).allSatisfy(req ->
                    assertThat(req.headers().get("accept-encoding")).isEqualTo("gzip, deflate"));
        }
    }

    @ParameterizedTest
    @EnumSource(StreamFormat.class)
    void compliantGzipStreamPassesThroughIntactAndDecoded(StreamFormat format) throws Exception {
        List<String> events = format.events(ANSWER, 7);
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> Sse.gzipped(events));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            HttpResponse<String> r = post(proxy, format, true);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(String.join("", events));
            assertThat(r.headers().firstValue("x-refusalguard-action")).hasValue("none");
            assertDecodedForTheAgent(r);
            assertThat(upstream.received()).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(StreamFormat.class)
    void gzipStreamWithAContentLengthIsInspectedAndRecovered(StreamFormat format) throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(refusingWhileSensitive(format,
                events -> new Pieces("text/event-stream", events, true, false)));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            HttpResponse<String> r = post(proxy, format, true);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(String.join("", format.events(ANSWER, 16)));
            assertThat(r.headers().firstValue("x-refusalguard-action")).hasValue("rephrased");
            assertDecodedForTheAgent(r);
        }
    }

    @ParameterizedTest
    @EnumSource(StreamFormat.class)
    void chunkedGzipJsonAnswerIsInspectedAndRecovered(StreamFormat format) throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> {
            String json = format.answer(r.body().contains("exploit") ? REFUSAL : ANSWER);
            int half = json.length() / 2;
            return new Pieces("application/json", List.of(json.substring(0, half), json.substring(half)), true, true);
        });
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            HttpResponse<String> r = post(proxy, format, false);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(format.answer(ANSWER));
            assertThat(r.headers().firstValue("x-refusalguard-action")).hasValue("rephrased");
            assertThat(r.headers().firstValue("content-length")).hasValue(
                    Integer.toString(format.answer(ANSWER).length()));
            assertDecodedForTheAgent(r);
        }
    }
}
