package dev.refusalguard.proxy;

import dev.refusalguard.proxy.testing.OpenAiReplies;
import dev.refusalguard.proxy.testing.ProxyHarness;
import dev.refusalguard.proxy.testing.ScriptedUpstream;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Full;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Hang;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Sse;
import dev.refusalguard.proxy.testing.StreamFormat;
import io.micrometer.core.instrument.Counter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that shut down their sending side once the request is out ({@code printf ... | nc -N}, or
 * {@code Socket.shutdownOutput()}): the request is still answered, then the proxy closes the connection.
 */
class HalfClosedClientTest {

    private static final String PROMPT = "Summarise these firewall logs for our SOC report.";
    private static final String ANSWER = "Two blocked scans and one allowed VPN login.";

    private static ScriptedUpstream.Reply answer(ScriptedUpstream.Received r) {
        if (r.method().equals("GET")) {
            return Full.json("{\"object\":\"list\",\"data\":[]}");
        }
        StreamFormat format = r.uri().startsWith("/v1/messages") ? StreamFormat.MESSAGES
                : r.uri().startsWith("/v1/responses") ? StreamFormat.RESPONSES : StreamFormat.CHAT;
        return r.body().contains("\"stream\":true") ? new Sse(format.events(ANSWER, 9), 2, false)
                : Full.json(format.answer(ANSWER));
    }

    /**
     * Writes {@code request}, shuts the sending side, and reads every byte until the proxy closes, without the
     * {@code 100 Continue} probes.
     */
    static String sendThenHalfClose(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            // While the answer is pending the proxy probes a half-closed client with interim responses.
            return all.replaceAll("HTTP/1\\.1 100 Continue\r\n\r\n", "");
        }
    }

    static double count(RefusalGuardProxy proxy, String meter) {
        return proxy.registry().find(meter).counters().stream().mapToDouble(Counter::count).sum();
    }

    static void awaitNoActiveExchanges(RefusalGuardProxy proxy) throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        while (proxy.activeExchanges() > 0 && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(proxy.activeExchanges()).isZero();
    }

    @Test
    void aCompleteRequestFollowedByAHalfCloseIsAnsweredThenTheConnectionCloses() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(HalfClosedClientTest::answer);
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            for (StreamFormat format : StreamFormat.values()) {
                for (boolean stream : new boolean[] {false, true}) {
                    String all = sendThenHalfClose(proxy.port(), format.rawRequest(PROMPT, stream));
                    assertThat(all).as(format + " stream=" + stream).startsWith("HTTP/1.1 200 OK");
                    assertThat(all).contains("x-refusalguard-action: none");
                    if (stream) {
                        assertThat(all).contains(format.events(ANSWER, 9).get(0).trim());
                        assertThat(all).endsWith("0\r\n\r\n");
                    } else {
                        assertThat(all).endsWith(format.answer(ANSWER));
                    }
                }
            }
            String models = sendThenHalfClose(proxy.port(),
                    "GET /v1/models HTTP/1.1\r\nhost: proxy\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(models).startsWith("HTTP/1.1 200 OK").contains("{\"object\":\"list\",\"data\":[]}");
            awaitNoActiveExchanges(proxy);
            assertThat(count(proxy, "refusalguard_outcomes")).isEqualTo(6.0);
            assertThat(proxy.registry().find("refusalguard_outcomes").tag("outcome", "client_closed").counters())
                    .isEmpty();
        }
    }

    @Test
    void pipelinedRequestsFollowedByAHalfCloseAreAllAnsweredInOrder() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(HalfClosedClientTest::answer);
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            byte[] chat = StreamFormat.CHAT.rawRequest(PROMPT, false);
            byte[] messages = StreamFormat.MESSAGES.rawRequest(PROMPT, true);
            byte[] both = new byte[chat.length + messages.length];
            System.arraycopy(chat, 0, both, 0, chat.length);
            System.arraycopy(messages, 0, both, chat.length, messages.length);
            String all = sendThenHalfClose(proxy.port(), both);
            int first = all.indexOf(StreamFormat.CHAT.answer(ANSWER));
            int second = all.indexOf("event: message_stop");
            assertThat(first).isPositive();
            assertThat(second).isGreaterThan(first);
            assertThat(all.split("HTTP/1.1 200 OK", -1)).hasSize(3);
        }
    }

    @Test
    void aHalfCloseInTheMiddleOfTheBodyClosesTheConnectionAndCountsNoRequest() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(HalfClosedClientTest::answer);
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            long t0 = System.nanoTime();
            String all = sendThenHalfClose(proxy.port(), ("POST /v1/chat/completions HTTP/1.1\r\nhost: proxy\r\n"
                    + "content-type: application/json\r\ncontent-length: 500\r\n\r\n{\"model\":\"m\",")
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(all).as("nothing to answer: the request never arrived in full").isEmpty();
            String headers = sendThenHalfClose(proxy.port(), "POST /v1/messages HTTP/1.1\r\nhost: pro"
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(headers).startsWith("HTTP/1.1 400 ").contains("\"type\":\"error\"")
                    .contains("connection: close");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            awaitNoActiveExchanges(proxy);
            assertThat(upstream.received()).isEmpty();
            assertThat(count(proxy, "refusalguard_requests")).isZero();
            assertThat(count(proxy, "refusalguard_outcomes")).isZero();
        }
    }

    @Test
    void withAnswerHalfClosedOffAHalfCloseIsADisconnectAndTheUpstreamCallIsClosedAtOnce() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> new Hang());
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier(),
                     c -> c.withServer(c.server().withAnswerHalfClosed(false)))) {
            String all = sendThenHalfClose(proxy.port(), StreamFormat.CHAT.rawRequest(PROMPT, false));
            assertThat(all).isEmpty();
            awaitNoActiveExchanges(proxy);
            long end = System.nanoTime() + 5_000_000_000L;
            while (upstream.closedConnections() < upstream.received().size() && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            // The epoll transport reads the request and the half-close in one go (edge-triggered, it reads to the
            // end once the peer has shut down), so the exchange may end before its upstream connection is even
            // made: then nothing was sent and the connection goes back to the pool unused. Either way no call is
            // left waiting on the upstream: every one that carried the request was closed.
            assertThat(upstream.closedConnections()).as("upstream calls closed").isEqualTo(upstream.received().size());
            if (proxy.transport() == dev.refusalguard.proxy.server.NetTransport.NIO) {
                assertThat(upstream.closedConnections()).isEqualTo(1);
            }
        }
    }

    @Test
    void withAnswerHalfClosedOffOnNioTheUpstreamCallThatCarriedTheRequestIsClosedAtOnce() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> new Hang());
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier(),
                     c -> c.withServer(c.server().withAnswerHalfClosed(false).withTransport("nio")))) {
            String all = sendThenHalfClose(proxy.port(), StreamFormat.CHAT.rawRequest(PROMPT, false));
            assertThat(all).isEmpty();
            long end = System.nanoTime() + 5_000_000_000L;
            while (upstream.closedConnections() < 1 && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            assertThat(upstream.closedConnections()).isEqualTo(1);
            awaitNoActiveExchanges(proxy);
        }
    }

    @Test
    void aStreamToAHalfClosedClientIsRelayedToTheEnd() throws Exception {
        String events = String.join("", OpenAiReplies.streamEvents(ANSWER + " " + ANSWER, 4));
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> new Sse(OpenAiReplies.streamEvents(
                ANSWER + " " + ANSWER, 4), 20, false));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            String all = sendThenHalfClose(proxy.port(), StreamFormat.CHAT.rawRequest(PROMPT, true));
            assertThat(all).startsWith("HTTP/1.1 200 OK").contains("data: [DONE]");
            assertThat(dechunk(all.substring(all.indexOf("\r\n\r\n") + 4))).isEqualTo(events);
        }
    }

    @Test
    void aClientThatLeavesWhileItsStreamIsSilentIsSeenAtTheNextProbeAndItsUpstreamCallClosed() throws Exception {
        // The opening of an answer at once, then a silence longer than the test (a model thinking mid-stream).
        List<String> events = OpenAiReplies.streamEvents(ANSWER.repeat(8), 400);
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> new Sse(List.of(events.get(0) + events.get(1),
                events.get(2)), 60_000, false));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            long closedAt;
            try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(StreamFormat.CHAT.rawRequest(PROMPT, true));
                InputStream in = socket.getInputStream();
                StringBuilder got = new StringBuilder();
                byte[] buf = new byte[8192];
                while (!got.toString().contains(ANSWER)) {
                    int n = in.read(buf);
                    assertThat(n).as("the stream's opening arrives").isPositive();
                    got.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
                assertThat(got.toString()).startsWith("HTTP/1.1 200 OK");
                // Read everything sent so far, so that closing sends a FIN (unread data would make it a reset).
                socket.setSoTimeout(300);
                try {
                    while (in.read(buf) > 0) {
                        continue;
                    }
                } catch (java.net.SocketTimeoutException drained) {
                    // nothing more: the upstream is silent
                }
                closedAt = System.nanoTime();
            }
            long end = System.nanoTime() + 5_000_000_000L;
            while (upstream.closedConnections() < 1 && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            assertThat(upstream.closedConnections()).as("upstream call closed").isEqualTo(1);
            assertThat(Duration.ofNanos(System.nanoTime() - closedAt)).isLessThan(Duration.ofSeconds(3));
            awaitNoActiveExchanges(proxy);
            assertThat(proxy.registry().find("refusalguard_outcomes").tag("outcome", "client_closed").counters())
                    .hasSize(1);
            assertThat(proxy.registry().find("refusalguard_outcomes").tag("outcome", "error").counters()).isEmpty();
        }
    }

    /** The body of a chunked answer, without the SSE comment lines that probe a half-closed client. */
    private static String dechunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int eol = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, eol).trim(), 16);
            if (size == 0) {
                return out.toString();
            }
            String piece = chunked.substring(eol + 2, eol + 2 + size);
            if (!piece.equals(":\n\n")) {
                out.append(piece);
            }
            at = eol + 2 + size + 2;
        }
    }
}
