package dev.refusalguard.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refusalguard.proxy.testing.AgentConnection;
import dev.refusalguard.proxy.testing.ProxyHarness;
import dev.refusalguard.proxy.testing.ScriptedUpstream;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Sse;
import dev.refusalguard.proxy.testing.StreamFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** server.maxEventBytes holds for an upstream SSE event however the bytes were split into reads. */
class SseEventLimitTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LIMIT = 4096;

    @ParameterizedTest
    @EnumSource(StreamFormat.class)
    void aWholeEventOverTheLimitArrivingInOneReadAbortsTheStream(StreamFormat format) throws Exception {
        // The oversized event is written as one chunk, so the proxy sees it complete in a single read: the limit
        // must not depend on the event having arrived in pieces.
        List<String> events = new ArrayList<>(format.events("Here are the detection rules you asked for.", 8));
        events.add(0, ": " + "x".repeat(LIMIT * 3) + "\n\n");
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> new Sse(events, 0, false));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier(),
                     c -> c.withServer(c.server().withMaxEventBytes(LIMIT)));
             AgentConnection agent = new AgentConnection(proxy.port())) {
            AgentConnection.Response r = agent.exchange(format.rawRequest("Summarise these firewall logs.", true));
            assertThat(r.status()).isEqualTo(502);
            assertThat(r.body()).doesNotContain("xxxx", format.endMarker());
            JsonNode body = JSON.readTree(r.body());
            if (format == StreamFormat.MESSAGES) {
                assertThat(body.path("type").asText()).isEqualTo("error");
            } else {
                assertThat(body.path("error").path("code").asText()).isEqualTo("upstream_too_large");
            }
        }
    }
}
