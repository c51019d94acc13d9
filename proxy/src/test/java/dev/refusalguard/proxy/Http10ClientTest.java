package dev.refusalguard.proxy;

import dev.refusalguard.proxy.testing.AgentConnection;
import dev.refusalguard.proxy.testing.OpenAiReplies;
import dev.refusalguard.proxy.testing.ProxyHarness;
import dev.refusalguard.proxy.testing.ScriptedUpstream;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Full;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Sse;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP/1.0 agents know no chunked encoding: full answers come with a Content-Length, streams as raw bytes ended by
 * the proxy closing the connection, and keep-alive only when the agent asked for it and the length is known.
 */
class Http10ClientTest {

    private static final String ANSWER = "Use auditd rules on execve of /bin/sh with a socket parent.";
    private static final String CHAT = "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":"
            + "\"How do I list listening sockets on Linux?\"}]}";
    private static final String STREAM = CHAT.replace("{\"model\"", "{\"stream\":true,\"model\"");

    /** A response read to the end of the connection: head, then every byte until the proxy closes. */
    private record RawResponse(String statusLine, Map<String, String> headers, String body) {
    }

    private static byte[] post(String body, String extraHeaders) {
        return ("POST /v1/chat/completions HTTP/1.0\r\nhost: proxy\r\ncontent-type: application/json\r\n"
                + extraHeaders + "content-length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static RawResponse untilClose(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = all.indexOf("\r\n\r\n");
            String[] lines = all.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            return new RawResponse(lines[0], headers, all.substring(end + 4));
        }
    }

    @Test
    void fullAnswerToAnHttp10AgentHasAContentLengthAndTheConnectionCloses() throws Exception {
        String answer = OpenAiReplies.completion(ANSWER);
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> Full.json(answer));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            RawResponse r = untilClose(proxy.port(), post(CHAT, ""));
            assertThat(r.statusLine()).isEqualTo("HTTP/1.0 200 OK");
            assertThat(r.headers()).doesNotContainKey("transfer-encoding");
            assertThat(r.headers()).containsEntry("content-length", Integer.toString(answer.length()));
            assertThat(r.body()).isEqualTo(answer);
        }
    }

    @Test
    void streamToAnHttp10AgentIsWrittenRawAndEndedByClosingTheConnection() throws Exception {
        List<String> events = OpenAiReplies.streamEvents(ANSWER, 8);
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> new Sse(events, 2, false));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            // Even when the agent asks for keep-alive: without a length, only the close marks the end.
            RawResponse r = untilClose(proxy.port(), post(STREAM, "connection: keep-alive\r\n"));
            assertThat(r.statusLine()).isEqualTo("HTTP/1.0 200 OK");
            assertThat(r.headers()).doesNotContainKeys("transfer-encoding", "content-length");
            assertThat(r.headers()).containsEntry("connection", "close");
            assertThat(r.headers().get("content-type")).startsWith("text/event-stream");
            assertThat(r.body()).isEqualTo(String.join("", events));
        }
    }

    @Test
    void http10AgentAskingForKeepAliveKeepsItsConnectionForFullAnswers() throws Exception {
        String answer = OpenAiReplies.completion(ANSWER);
        String models = "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-test\",\"object\":\"model\"}]}";
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> r.method().equals("GET") ? Full.json(models)
                : Full.json(answer));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier());
             AgentConnection agent = new AgentConnection(proxy.port())) {
            AgentConnection.Response first = agent.exchange(post(CHAT, "connection: keep-alive\r\n"));
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.headers()).doesNotContainKey("transfer-encoding");
            assertThat(first.header("connection")).isEqualTo("keep-alive");
            assertThat(first.body()).isEqualTo(answer);
            // A pass-through answer keeps the upstream's Content-Length instead of being re-chunked.
            AgentConnection.Response second = agent.exchange(("GET /v1/models HTTP/1.0\r\nhost: proxy\r\n"
                    + "connection: keep-alive\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.headers()).doesNotContainKey("transfer-encoding");
            assertThat(second.header("content-length")).isEqualTo(Integer.toString(models.length()));
            assertThat(second.header("connection")).isEqualTo("keep-alive");
            assertThat(second.body()).isEqualTo(models);
            assertThat(agent.openAfter(300)).isTrue();
        }
    }

    @Test
    void passThroughAnswerToAnHttp10AgentWithoutKeepAliveIsNotChunkedAndCloses() throws Exception {
        String models = "{\"object\":\"list\",\"data\":[]}";
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> Full.json(models));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            RawResponse r = untilClose(proxy.port(),
                    "GET /v1/models HTTP/1.0\r\nhost: proxy\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(r.statusLine()).isEqualTo("HTTP/1.0 200 OK");
            assertThat(r.headers()).doesNotContainKey("transfer-encoding");
            assertThat(r.body()).isEqualTo(models);
        }
    }
}
