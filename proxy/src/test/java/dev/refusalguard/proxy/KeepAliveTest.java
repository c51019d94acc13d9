package dev.refusalguard.proxy;

import dev.refusalguard.proxy.testing.AgentConnection;
import dev.refusalguard.proxy.testing.ProxyHarness;
import dev.refusalguard.proxy.testing.ScriptedUpstream;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Full;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Sse;
import dev.refusalguard.proxy.testing.StreamFormat;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Keep-alive on both sides: one agent connection, many requests, one pooled upstream connection. */
class KeepAliveTest {

    private static final String PROMPT = "Summarise these firewall logs for our SOC report.";
    private static final String ANSWER = "Here is the summary: two blocked scans and one allowed VPN login.";
    private static final String MODELS = "{\"object\":\"list\",\"data\":[{\"id\":\"m\",\"object\":\"model\"}]}";

    /** Answers each API in its own format, streamed when asked, and the model list for pass-through GETs. */
    private static ScriptedUpstream.Reply answer(ScriptedUpstream.Received r) {
        if (r.method().equals("GET")) {
            return Full.json(MODELS);
        }
        StreamFormat format = r.uri().startsWith("/v1/messages") ? StreamFormat.MESSAGES
                : r.uri().startsWith("/v1/responses") ? StreamFormat.RESPONSES : StreamFormat.CHAT;
        return r.body().contains("\"stream\":true") ? new Sse(format.events(ANSWER, 9), 0, false)
                : Full.json(format.answer(ANSWER));
    }

    @Test
    void sequentialRequestsOnOneAgentConnectionReuseOnePooledUpstreamConnection() throws Exception {
        // server.transport auto: the native epoll transport on Linux x86-64, NIO elsewhere.
        sequentialRequestsReuseOneUpstreamConnection("auto");
    }

    @Test
    void theNioTransportKeepsBothSidesAliveTheSameWay() throws Exception {
        sequentialRequestsReuseOneUpstreamConnection("nio");
    }

    private void sequentialRequestsReuseOneUpstreamConnection(String transport) throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(KeepAliveTest::answer);
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier(),
                     c -> c.withServer(c.server().withTransport(transport)));
             AgentConnection agent = new AgentConnection(proxy.port())) {
            assertThat(proxy.transport().wireName()).isEqualTo(transport.equals("nio") ? "nio"
                    : io.netty.channel.epoll.Epoll.isAvailable() ? "epoll" : "nio");
            int requests = 0;
            for (int round = 0; round < 2; round++) {
                for (StreamFormat format : StreamFormat.values()) {
                    for (boolean stream : new boolean[] {false, true}) {
                        AgentConnection.Response r = agent.exchange(format.rawRequest(PROMPT, stream));
                        requests++;
                        assertThat(r.status()).as(format + " stream=" + stream).isEqualTo(200);
                        assertThat(r.body()).isEqualTo(stream ? String.join("", format.events(ANSWER, 9))
                                : format.answer(ANSWER));
                        assertThat(r.header("connection")).as("the proxy keeps the agent connection")
                                .isNotEqualToIgnoringCase("close");
                        assertThat(r.header("x-refusalguard-action")).isEqualTo("none");
                    }
                }
                AgentConnection.Response models = agent.get("/v1/models");
                requests++;
                assertThat(models.status()).isEqualTo(200);
                assertThat(models.body()).isEqualTo(MODELS);
            }
            assertThat(upstream.received()).hasSize(requests);
            assertThat(upstream.openedConnections()).as("upstream connections opened for " + requests + " requests")
                    .isEqualTo(1);
            assertThat(upstream.closedConnections()).isZero();
            assertThat(agent.openAfter(300)).as("agent connection still open").isTrue();
        }
    }
}
