package dev.refusalguard.proxy;

import dev.refusalguard.proxy.testing.OpenAiReplies;
import dev.refusalguard.proxy.testing.ProxyHarness;
import dev.refusalguard.proxy.testing.ScriptedUpstream;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Sse;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Agents that stop reading or go away mid-stream. */
class StreamingBackpressureTest {

    private static final String BODY = "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"Summarise these firewall logs for our SOC report.\"}]}";

    private static void sendRequest(Socket socket) throws Exception {
        OutputStream o = socket.getOutputStream();
        o.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + BODY.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + BODY)
                .getBytes(StandardCharsets.UTF_8));
        o.flush();
    }

    private static List<String> manyEvents(int count, int charsEach) {
        List<String> events = new ArrayList<>(OpenAiReplies.streamEvents("Here is the summary of the logs.", 40));
        String last = events.remove(events.size() - 1);
        String finish = events.remove(events.size() - 1);
        String piece = "x".repeat(charsEach);
        String event = OpenAiReplies.streamEvents(piece, charsEach).get(1);
        for (int i = 0; i < count; i++) {
            events.add(event);
        }
        events.add(finish);
        events.add(last);
        return events;
    }

    @Test
    void slowReaderPausesTheUpstreamInsteadOfBufferingTheWholeStream() throws Exception {
        List<String> events = manyEvents(200, 64 * 1024);
        long totalBytes = events.stream().mapToLong(String::length).sum();
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> new Sse(events, 0, false));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier());
             Socket socket = new Socket()) {
            socket.setReceiveBufferSize(64 * 1024);
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", proxy.port()));
            sendRequest(socket);
            Thread.sleep(1_500);
            int writtenWhileStalled = upstream.eventsWritten();
            assertThat(writtenWhileStalled).as("events the upstream got rid of while the agent read nothing")
                    .isLessThan(events.size() * 6 / 10);
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[64 * 1024];
            long read = 0;
            String tail = "";
            socket.setSoTimeout(30_000);
            while (!tail.contains("data: [DONE]")) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                read += n;
                String chunk = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
                tail = (tail + chunk).substring(Math.max(0, tail.length() + chunk.length() - 64));
            }
            assertThat(tail).contains("data: [DONE]");
            assertThat(read).isGreaterThan(totalBytes);
            // the upstream counts an event once its write completes, which may be just after the agent read [DONE]
            long until = System.nanoTime() + 5_000_000_000L;
            while (upstream.eventsWritten() < events.size() && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertThat(upstream.eventsWritten()).isEqualTo(events.size());
        }
    }

    @Test
    void agentDisconnectMidStreamClosesTheUpstreamPromptly() throws Exception {
        List<String> events = manyEvents(2_000, 20);
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> new Sse(events, 20, false));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            Socket socket = new Socket("127.0.0.1", proxy.port());
            sendRequest(socket);
            socket.setSoTimeout(10_000);
            int n = socket.getInputStream().read(new byte[1024]);
            assertThat(n).isPositive();
            assertThat(upstream.closedConnections()).isZero();
            long t0 = System.nanoTime();
            socket.close();
            while (upstream.closedConnections() == 0 && System.nanoTime() - t0 < 2_000_000_000L) {
                Thread.sleep(5);
            }
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertThat(upstream.closedConnections()).isEqualTo(1);
            assertThat(millis).as("ms from agent close to upstream close").isLessThan(100);
            assertThat(upstream.eventsWritten()).isLessThan(events.size());
        }
    }

    @Test
    void agentDisconnectWhileTheWindowHoldsEventsReleasesThemAndClosesTheUpstream() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> new Sse(
                OpenAiReplies.streamEvents("Here is a long careful answer about log triage. ".repeat(50), 4), 200,
                false));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            Socket socket = new Socket("127.0.0.1", proxy.port());
            sendRequest(socket);
            Thread.sleep(500);
            long t0 = System.nanoTime();
            socket.close();
            while (upstream.closedConnections() == 0 && System.nanoTime() - t0 < 2_000_000_000L) {
                Thread.sleep(5);
            }
            assertThat(upstream.closedConnections()).isEqualTo(1);
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(100);
        }
    }
}
