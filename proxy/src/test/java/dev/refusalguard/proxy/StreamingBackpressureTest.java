package dev.refusalguard.proxy;

import dev.refusalguard.proxy.testing.ProxyHarness;
import dev.refusalguard.proxy.testing.ScriptedUpstream;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Sse;
import dev.refusalguard.proxy.testing.StreamFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Agents that stop reading or go away mid-stream, in each inspected API's streaming format. */
class StreamingBackpressureTest {

    private static final String PROMPT = "Summarise these firewall logs for our SOC report.";
    /** Bound from issue 4: a client that disconnects mid-stream closes its upstream call within this. */
    private static final long CLOSE_BOUND_MILLIS = 100;

    private static void sendRequest(Socket socket, StreamFormat format) throws Exception {
        OutputStream o = socket.getOutputStream();
        o.write(format.rawRequest(PROMPT, true));
        o.flush();
    }

    /**
     * Closes the agent socket and returns the milliseconds until the upstream saw its connection close, stamped
     * on the upstream's own event loop (so a slow test thread does not inflate the figure).
     */
    private static long closeAndMeasure(Socket socket, ScriptedUpstream upstream) throws Exception {
        assertThat(upstream.closedConnections()).as("upstream connections closed before the agent left").isZero();
        long agentClosed = System.nanoTime();
        socket.close();
        OptionalLong upstreamClosed = upstream.firstCloseNanos(5_000);
        assertThat(upstreamClosed).as("the upstream connection was closed").isPresent();
        return (upstreamClosed.getAsLong() - agentClosed) / 1_000_000;
    }

    @ParameterizedTest
    @EnumSource(StreamFormat.class)
    void slowReaderPausesTheUpstreamInsteadOfBufferingTheWholeStream(StreamFormat format) throws Exception {
        List<String> events = format.longStream(200, 64 * 1024);
        long totalBytes = events.stream().mapToLong(String::length).sum();
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> new Sse(events, 0, false));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier());
             Socket socket = new Socket()) {
            socket.setReceiveBufferSize(64 * 1024);
            socket.connect(new InetSocketAddress("127.0.0.1", proxy.port()));
            sendRequest(socket, format);
            Thread.sleep(1_500);
            int writtenWhileStalled = upstream.eventsWritten();
            assertThat(writtenWhileStalled).as("events the upstream got rid of while the agent read nothing")
                    .isLessThan(events.size() * 6 / 10);
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[64 * 1024];
            long read = 0;
            String tail = "";
            socket.setSoTimeout(30_000);
            while (!tail.endsWith("\r\n0\r\n\r\n")) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                read += n;
                String chunk = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
                tail = (tail + chunk).substring(Math.max(0, tail.length() + chunk.length() - 4096));
            }
            assertThat(tail).contains(format.endMarker()).endsWith("\r\n0\r\n\r\n");
            assertThat(read).isGreaterThan(totalBytes);
            // the upstream counts an event once its write completes, which may be just after the agent read [DONE]
            long until = System.nanoTime() + 5_000_000_000L;
            while (upstream.eventsWritten() < events.size() && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertThat(upstream.eventsWritten()).isEqualTo(events.size());
        }
    }

    @ParameterizedTest
    @EnumSource(StreamFormat.class)
    void agentDisconnectMidStreamClosesTheUpstreamPromptly(StreamFormat format) throws Exception {
        List<String> events = format.longStream(2_000, 20);
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> new Sse(events, 20, false));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            Socket socket = new Socket("127.0.0.1", proxy.port());
            sendRequest(socket, format);
            socket.setSoTimeout(10_000);
            int n = socket.getInputStream().read(new byte[1024]);
            assertThat(n).as("released stream bytes reached the agent").isPositive();
            long millis = closeAndMeasure(socket, upstream);
            assertThat(millis).as("ms from agent close to upstream close").isLessThan(CLOSE_BOUND_MILLIS);
            assertThat(upstream.closedConnections()).isEqualTo(1);
            assertThat(upstream.eventsWritten()).isLessThan(events.size());
            assertThat(outcomesAfterDisconnect(proxy)).as("a disconnect is its own outcome, not an error")
                    .contains("outcome=\"client_closed\"").doesNotContain("outcome=\"error\"");
        }
    }

    /** The outcome series once the disconnected exchange has been counted (its record may wait for the analysis). */
    private static String outcomesAfterDisconnect(RefusalGuardProxy proxy) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String outcomes = "";
        long end = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < end) {
            String scrape = http.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(proxy.adminUrl() + "/metrics")).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            outcomes = String.join("\n", scrape.lines()
                    .filter(l -> l.startsWith("refusalguard_outcomes_total{")).toList());
            if (!outcomes.isEmpty()) {
                return outcomes;
            }
            Thread.sleep(20);
        }
        return outcomes;
    }

    @ParameterizedTest
    @EnumSource(StreamFormat.class)
    void agentDisconnectWhileTheWindowHoldsEventsReleasesThemAndClosesTheUpstream(StreamFormat format)
            throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> new Sse(
                format.events("Here is a long careful answer about log triage. ".repeat(50), 4), 200, false));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            Socket socket = new Socket("127.0.0.1", proxy.port());
            sendRequest(socket, format);
            long end = System.nanoTime() + 10_000_000_000L;
            while (upstream.eventsWritten() < 2 && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            assertThat(upstream.eventsWritten()).as("events sent into the window").isGreaterThanOrEqualTo(2);
            socket.setSoTimeout(300);
            assertThatThrownBy(() -> socket.getInputStream().read(new byte[1024]))
                    .as("the window still holds the stream, head included")
                    .isInstanceOf(SocketTimeoutException.class);
            long millis = closeAndMeasure(socket, upstream);
            assertThat(millis).as("ms from agent close to upstream close").isLessThan(CLOSE_BOUND_MILLIS);
            assertThat(upstream.closedConnections()).isEqualTo(1);
        }
    }
}
