package dev.refusalguard.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refusalguard.proxy.testing.AgentConnection;
import dev.refusalguard.proxy.testing.ProxyHarness;
import dev.refusalguard.proxy.testing.ScriptedUpstream;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Full;
import dev.refusalguard.proxy.testing.StreamFormat;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** server.maxConnections: a connection beyond the cap is told why in its API's shape, then closed. */
class AgentConnectionLimitTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROMPT = "Summarise these firewall logs for our SOC report.";

    private static ScriptedUpstream.Reply answer(ScriptedUpstream.Received r) {
        StreamFormat format = r.uri().startsWith("/v1/messages") ? StreamFormat.MESSAGES : StreamFormat.CHAT;
        return Full.json(format.answer("Here is the summary of the firewall logs."));
    }

    private static byte[] post(String path, StreamFormat format) {
        byte[] b = format.body(PROMPT, false).getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST " + path + " HTTP/1.1\r\nhost: proxy\r\ncontent-type: application/json\r\n"
                + "content-length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + b.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(b, 0, all, head.length, b.length);
        return all;
    }

    private static String scrape(RefusalGuardProxy proxy) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(proxy.adminUrl() + "/metrics"))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static double value(String scrape, String series) {
        return scrape.lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l -> Double.parseDouble(
                l.substring(series.length() + 1))).findFirst().orElse(-1);
    }

    @Test
    void aConnectionOverTheCapGets503InItsApisShapeThenIsClosedAndAFreedSlotIsServedAgain() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(AgentConnectionLimitTest::answer);
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier(),
                     c -> c.withServer(c.server().withMaxConnections(2)));
             AgentConnection first = new AgentConnection(proxy.port());
             AgentConnection second = new AgentConnection(proxy.port())) {
            // Each answered request proves its connection is counted before the next one opens.
            assertThat(first.exchange(post("/v1/chat/completions", StreamFormat.CHAT)).status()).isEqualTo(200);
            assertThat(second.exchange(post("/v1/chat/completions", StreamFormat.CHAT)).status()).isEqualTo(200);

            try (AgentConnection third = new AgentConnection(proxy.port())) {
                AgentConnection.Response r = third.exchange(post("/v1/messages", StreamFormat.MESSAGES));
                assertThat(r.status()).isEqualTo(503);
                assertThat(r.header("retry-after")).isEqualTo("1");
                assertThat(r.header("connection")).isEqualTo("close");
                JsonNode body = JSON.readTree(r.body());
                assertThat(body.path("type").asText()).isEqualTo("error");
                assertThat(body.path("error").path("type").asText()).isEqualTo("overloaded_error");
                assertThat(body.path("error").path("message").asText()).contains("server.maxConnections");
                assertThat(third.openAfter(2_000)).as("closed after its 503").isFalse();
            }
            try (AgentConnection fourth = new AgentConnection(proxy.port())) {
                AgentConnection.Response r = fourth.exchange(post("/v1/chat/completions", StreamFormat.CHAT));
                assertThat(r.status()).isEqualTo(503);
                assertThat(JSON.readTree(r.body()).path("error").path("code").asText()).isEqualTo("overloaded");
            }
            assertThat(upstream.received()).as("no over-cap request reached the upstream").hasSize(2);
            String scrape = scrape(proxy);
            assertThat(value(scrape, "refusalguard_agent_connections_rejected_total")).isEqualTo(2.0);

            first.close();
            long until = System.nanoTime() + 5_000_000_000L;
            while (value(scrape(proxy), "refusalguard_agent_connections") > 1 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(value(scrape(proxy), "refusalguard_agent_connections")).isEqualTo(1.0);
            try (AgentConnection fifth = new AgentConnection(proxy.port())) {
                assertThat(fifth.exchange(post("/v1/chat/completions", StreamFormat.CHAT)).status()).isEqualTo(200);
            }
        }
    }

    @Test
    void aConnectionOverTheCapGetsIts503AtTheRequestHeadNeverA100ContinueNorAReadBody() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(AgentConnectionLimitTest::answer);
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier(),
                     c -> c.withServer(c.server().withMaxConnections(1)));
             AgentConnection first = new AgentConnection(proxy.port())) {
            assertThat(first.exchange(post("/v1/chat/completions", StreamFormat.CHAT)).status()).isEqualTo(200);
            // Expect: 100-continue: the answer is the 503, not an invitation to upload a body that will be refused.
            try (Socket over = new Socket("127.0.0.1", proxy.port())) {
                over.setSoTimeout(5_000);
                over.getOutputStream().write(("POST /v1/messages HTTP/1.1\r\nhost: proxy\r\ncontent-type: application/json"
                        + "\r\nexpect: 100-continue\r\ncontent-length: 3000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                String head = new String(over.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                assertThat(head).isEqualTo("HTTP/1.1 503");
            }
            // Without Expect, a body announced by its length is not read (aggregated) before the 503 is sent.
            try (Socket over = new Socket("127.0.0.1", proxy.port())) {
                over.setSoTimeout(5_000);
                over.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nhost: proxy\r\ncontent-type: "
                        + "application/json\r\ncontent-length: 3000000\r\n\r\n{\"model\":").getBytes(StandardCharsets.US_ASCII));
                String answer = new String(over.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).startsWith("HTTP/1.1 503").containsIgnoringCase("retry-after: 1")
                        .contains("\"code\":\"overloaded\"").contains("server.maxConnections");
            }
            assertThat(upstream.received()).hasSize(1);
            assertThat(first.exchange(post("/v1/chat/completions", StreamFormat.CHAT)).status()).isEqualTo(200);
        }
    }

    @Test
    void aSilentConnectionOverTheCapIsClosedAfterItsGrace() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(AgentConnectionLimitTest::answer);
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier(),
                     c -> c.withServer(c.server().withMaxConnections(1)));
             AgentConnection first = new AgentConnection(proxy.port())) {
            assertThat(first.exchange(post("/v1/chat/completions", StreamFormat.CHAT)).status()).isEqualTo(200);
            try (Socket silent = new Socket("127.0.0.1", proxy.port())) {
                silent.setSoTimeout(10_000);
                long t0 = System.nanoTime();
                assertThat(silent.getInputStream().read()).as("closed without a word").isEqualTo(-1);
                assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(4_000L, 8_000L);
            }
            assertThat(first.openAfter(100)).as("the admitted connection is untouched").isTrue();
        }
    }
}
