package dev.refusalguard.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refusalguard.proxy.config.ServerConfig;
import dev.refusalguard.proxy.testing.AgentConnection;
import dev.refusalguard.proxy.testing.OpenAiReplies;
import dev.refusalguard.proxy.testing.ProxyHarness;
import dev.refusalguard.proxy.testing.ScriptedUpstream;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Full;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Hang;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ProxyErrorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> post(RefusalGuardProxy proxy, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(proxy.baseUrl() + path))
                .header("content-type", "application/json").timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String s) throws IOException {
        return JSON.readTree(s);
    }

    @Test
    void malformedJsonGetsAnOpenAiShaped400() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> Full.json(OpenAiReplies.completion("x")));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            HttpResponse<String> r = post(proxy, "/v1/chat/completions", "{\"model\": \"m\", \"messages\": [");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(json(r.body()).path("error").path("type").asText()).isEqualTo("invalid_request_error");
            assertThat(json(r.body()).path("error").path("message").asText()).contains("not valid JSON");
            assertThat(r.headers().firstValue("x-refusalguard-request-id")).as("the proxy's own errors have an id")
                    .hasValueSatisfying(id -> assertThat(id).hasSize(36));
            assertThat(upstream.received()).isEmpty();
        }
    }

    @Test
    void malformedJsonMessagesGiveLineAndColumnWithoutParserInternals() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> Full.json(OpenAiReplies.completion("x")));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            for (String bad : new String[] {"{\"model\": \"m\", \"messages\": [", "{\"model\": }",
                    "{\"model\": \"m\",, \"messages\": []}", "not json", "{\"model\": \"m\"\n  \"messages\": []}",
                    "{\"model\": \"unterminated"}) {
                for (String path : new String[] {"/v1/chat/completions", "/v1/messages"}) {
                    HttpResponse<String> r = post(proxy, path, bad);
                    assertThat(r.statusCode()).isEqualTo(400);
                    String message = json(r.body()).path("error").path("message").asText();
                    assertThat(message).as(bad).startsWith("The request body is not valid JSON (line ")
                            .doesNotContain("Source", "REDACTED", "StreamReadFeature", "start marker",
                                    "com.fasterxml", "\n");
                }
            }
            HttpResponse<String> r = post(proxy, "/v1/chat/completions", "{\"model\": \"m\",\n \"messages\": [");
            assertThat(json(r.body()).path("error").path("message").asText()).contains("(line 2, column ");
            assertThat(upstream.received()).isEmpty();
        }
    }

    @Test
    void aModelOfTheWrongTypeIsNamedAsTheParameter() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> Full.json(OpenAiReplies.completion("x")));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            HttpResponse<String> chat = post(proxy, "/v1/chat/completions",
                    "{\"model\": 5, \"messages\": [{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(chat.statusCode()).isEqualTo(400);
            JsonNode error = json(chat.body()).path("error");
            assertThat(error.path("message").asText())
                    .isEqualTo("Invalid type for 'model': expected a string, but got an integer instead.");
            assertThat(error.path("param").asText()).isEqualTo("model");
            assertThat(error.path("code").asText()).isEqualTo("invalid_type");
            HttpResponse<String> missing = post(proxy, "/v1/responses", "{\"input\": \"hi\"}");
            assertThat(json(missing.body()).path("error").path("param").asText()).isEqualTo("model");
            HttpResponse<String> messages = post(proxy, "/v1/messages",
                    "{\"model\": [\"a\"], \"max_tokens\": 5, \"messages\": []}");
            assertThat(json(messages.body()).path("error").path("message").asText())
                    .isEqualTo("model: Input should be a valid string");
            assertThat(upstream.received()).isEmpty();
        }
    }

    @Test
    void missingModelGetsA400NamingTheParameter() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> Full.json(OpenAiReplies.completion("x")));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            HttpResponse<String> r = post(proxy, "/v1/chat/completions", "{\"messages\": []}");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(json(r.body()).path("error").path("message").asText()).contains("'model'");
        }
    }

    @Test
    void messagesOrInputOfTheWrongTypeGetAnInvalidTypeErrorInEachApisShape() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> Full.json(OpenAiReplies.completion("x")));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            JsonNode chat = json(post(proxy, "/v1/chat/completions",
                    "{\"model\": \"m\", \"messages\": \"hi\"}").body()).path("error");
            assertThat(chat.path("code").asText()).isEqualTo("invalid_type");
            assertThat(chat.path("param").asText()).isEqualTo("messages");
            assertThat(chat.path("message").asText())
                    .isEqualTo("Invalid type for 'messages': expected an array, but got a string instead.");
            JsonNode responses = json(post(proxy, "/v1/responses", "{\"model\": \"m\", \"input\": 5}").body())
                    .path("error");
            assertThat(responses.path("code").asText()).isEqualTo("invalid_type");
            assertThat(responses.path("param").asText()).isEqualTo("input");
            HttpResponse<String> messages = post(proxy, "/v1/messages",
                    "{\"model\": \"m\", \"max_tokens\": 10, \"messages\": {\"role\": \"user\"}}");
            assertThat(messages.statusCode()).isEqualTo(400);
            assertThat(json(messages.body()).path("error").path("message").asText())
                    .isEqualTo("messages: Input should be a valid list");
            assertThat(json(post(proxy, "/v1/chat/completions", "{\"model\": \"m\"}").body())
                    .path("error").path("code").asText()).isEqualTo("missing_required_parameter");
            assertThat(upstream.received()).isEmpty();
        }
    }

    @Test
    void aStreamFlagThatIsNotABooleanGetsAnInvalidTypeErrorInsteadOfBeingForwarded() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> Full.json(OpenAiReplies.completion("x")));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            HttpResponse<String> chat = post(proxy, "/v1/chat/completions",
                    "{\"model\": \"m\", \"stream\": \"yes\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
            assertThat(chat.statusCode()).isEqualTo(400);
            JsonNode error = json(chat.body()).path("error");
            assertThat(error.path("code").asText()).isEqualTo("invalid_type");
            assertThat(error.path("param").asText()).isEqualTo("stream");
            assertThat(error.path("message").asText())
                    .isEqualTo("Invalid type for 'stream': expected a boolean, but got a string instead.");
            JsonNode responses = json(post(proxy, "/v1/responses",
                    "{\"model\": \"m\", \"input\": \"hi\", \"stream\": 1}").body()).path("error");
            assertThat(responses.path("code").asText()).isEqualTo("invalid_type");
            HttpResponse<String> messages = post(proxy, "/v1/messages", "{\"model\": \"m\", \"max_tokens\": 10, "
                    + "\"stream\": \"true\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
            assertThat(messages.statusCode()).isEqualTo(400);
            assertThat(json(messages.body()).path("error").path("message").asText())
                    .isEqualTo("stream: Input should be a valid boolean");
            assertThat(upstream.received()).isEmpty();
            // null means absent: forwarded and answered as an unstreamed request.
            assertThat(post(proxy, "/v1/chat/completions", "{\"model\": \"m\", \"stream\": null, "
                    + "\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aResponsesRequestWithoutInputIsForwardedAsItIs() throws Exception {
        // The Responses API makes input optional: a stored prompt can stand in for it.
        String answer = dev.refusalguard.proxy.testing.ResponsesReplies.response("Here is the triage summary.", false);
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> Full.json(answer));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            String request = "{\"model\": \"m\", \"prompt\": {\"id\": \"pmpt_123\", \"variables\": {\"case\": \"42\"}}}";
            HttpResponse<String> r = post(proxy, "/v1/responses", request);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(answer);
            assertThat(upstream.received()).hasSize(1);
            assertThat(json(upstream.received().get(0).body())).isEqualTo(json(request));
        }
    }

    @Test
    void bodyOverTheLimitGets413InTheApisShape() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> Full.json(OpenAiReplies.completion("x")));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier(),
                     c -> c.withServer(new ServerConfig("127.0.0.1:0", "127.0.0.1:0", 2048, null, null, null, null,
                             null, null, null, null, null, null, null, null, null, null, null, null, null)))) {
            String big = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "a".repeat(5000) + "\"}]}";
            HttpResponse<String> r = post(proxy, "/v1/chat/completions", big);
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(json(r.body()).path("error").path("code").asText()).isEqualTo("request_too_large");
            HttpResponse<String> anthropic = post(proxy, "/v1/messages", big);
            assertThat(anthropic.statusCode()).isEqualTo(413);
            assertThat(json(anthropic.body()).path("type").asText()).isEqualTo("error");
            assertThat(upstream.received()).isEmpty();
        }
    }

    @Test
    void bodyOverTheLimitAnnouncedWithExpectContinueGets413InTheApisShapeAndTheConnectionCloses() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> Full.json(OpenAiReplies.completion("x")));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier(),
                     c -> c.withServer(new ServerConfig("127.0.0.1:0", "127.0.0.1:0", 2048, null, null, null, null,
                             null, null, null, null, null, null, null, null, null, null, null, null, null)))) {
            for (String path : new String[] {"/v1/chat/completions", "/v1/messages"}) {
                try (AgentConnection agent = new AgentConnection(proxy.port())) {
                    // As curl does for large bodies: headers first, the body only after 100 Continue.
                    AgentConnection.Response r = agent.exchange(("POST " + path + " HTTP/1.1\r\nhost: proxy\r\n"
                            + "content-type: application/json\r\ncontent-length: 5000\r\n"
                            + "expect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    assertThat(r.status()).isEqualTo(413);
                    assertThat(r.header("content-type")).isEqualTo("application/json");
                    assertThat(r.header("connection")).isEqualTo("close");
                    JsonNode body = json(r.body());
                    if (path.equals("/v1/messages")) {
                        assertThat(body.path("type").asText()).isEqualTo("error");
                        assertThat(body.path("error").path("type").asText()).isEqualTo("request_too_large");
                    } else {
                        assertThat(body.path("error").path("code").asText()).isEqualTo("request_too_large");
                    }
                    assertThat(body.toString()).contains("server.maxRequestBytes");
                    assertThat(agent.openAfter(5_000)).isFalse();
                }
            }
            assertThat(upstream.received()).isEmpty();
        }
    }

    @Test
    void refusedUpstreamConnectionGets502() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (RefusalGuardProxy proxy = ProxyHarness.start("http://127.0.0.1:" + closedPort,
                ProxyHarness.classifier())) {
            HttpResponse<String> r = post(proxy, "/v1/chat/completions",
                    "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(r.statusCode()).isEqualTo(502);
            assertThat(json(r.body()).path("error").path("code").asText()).isEqualTo("upstream_connect");
        }
    }

    @Test
    void anUpstream200WhoseBodyIsNotJsonGets502AndIsNeitherARefusalNorRetried() throws Exception {
        for (String body : new String[] {"<html><body>Welcome to nginx!</body></html>", "", "[]"}) {
            try (ScriptedUpstream upstream = new ScriptedUpstream(r -> new Full(200, "text/html", body, false));
                 RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
                // Sensitive wording: a refusal would be retried with the rephrase strategy.
                HttpResponse<String> r = post(proxy, "/v1/chat/completions", "{\"model\": \"m\", \"messages\": ["
                        + "{\"role\":\"user\",\"content\":\"How do I detect a reverse shell payload in our EDR"
                        + " telemetry?\"}]}");
                assertThat(r.statusCode()).as(body).isEqualTo(502);
                assertThat(json(r.body()).path("error").path("code").asText()).isEqualTo("upstream_protocol");
                assertThat(upstream.received()).as(body).hasSize(1);
                assertThat(proxy.registry().find("refusalguard_refusals").counters()).as(body)
                        .allSatisfy(c -> assertThat(c.count()).isZero());
                // The outcome is counted once the error answer is written.
                long end = System.nanoTime() + 5_000_000_000L;
                while (proxy.registry().find("refusalguard_outcomes").tag("outcome", "error").counter() == null
                        && System.nanoTime() < end) {
                    Thread.sleep(5);
                }
                assertThat(proxy.registry().find("refusalguard_outcomes").tag("outcome", "error").counter())
                        .isNotNull().satisfies(c -> assertThat(c.count()).isEqualTo(1.0));
            }
        }
    }

    @Test
    void silentUpstreamGets504AfterTheResponseTimeout() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> new Hang());
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier(),
                     c -> c.withServer(new ServerConfig("127.0.0.1:0", "127.0.0.1:0", null, null, null, null, null,
                             null, null, null, Duration.ofMillis(300), null, null, null, null, null, null, null,
                             null, null)))) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = post(proxy, "/v1/messages",
                    "{\"model\":\"claude-x\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(r.statusCode()).isEqualTo(504);
            assertThat(json(r.body()).path("type").asText()).isEqualTo("error");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void absoluteUriRequestsAreRefusedSoTheProxyIsNeverAnOpenProxy() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> Full.json("{}"));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier());
             Socket socket = new Socket("127.0.0.1", proxy.port())) {
            OutputStream o = socket.getOutputStream();
            o.write(("GET http://example.com/ HTTP/1.1\r\nHost: example.com\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            o.flush();
            socket.setSoTimeout(5000);
            InputStream i = socket.getInputStream();
            byte[] buf = new byte[4096];
            int n = i.read(buf);
            String head = new String(buf, 0, n, StandardCharsets.US_ASCII);
            assertThat(head).startsWith("HTTP/1.1 400");
            assertThat(upstream.received()).isEmpty();
        }
    }

    /** Sends {@code request} on a new connection and returns all the proxy writes before it closes. */
    private static String answerBeforeClose(RefusalGuardProxy proxy, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aRequestLineOverTheLimitGets414InTheShapeOfTheApiItCalledOnAnHttp11StatusLine() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> Full.json("{}"));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            String query = "a".repeat(10_000);
            String messages = answerBeforeClose(proxy, "POST /v1/messages?" + query + " HTTP/1.1\r\n"
                    + "Host: localhost\r\nContent-Length: 2\r\n\r\n{}");
            assertThat(messages).startsWith("HTTP/1.1 414 ");
            JsonNode anthropic = json(messages.substring(messages.indexOf("\r\n\r\n") + 4));
            assertThat(anthropic.path("type").asText()).isEqualTo("error");
            assertThat(anthropic.path("error").path("type").asText()).isEqualTo("invalid_request_error");
            String chat = answerBeforeClose(proxy, "POST /v1/chat/completions?" + query + " HTTP/1.1\r\n"
                    + "Host: localhost\r\nContent-Length: 2\r\n\r\n{}");
            assertThat(chat).startsWith("HTTP/1.1 414 ");
            assertThat(json(chat.substring(chat.indexOf("\r\n\r\n") + 4)).path("error").path("code").asText())
                    .isEqualTo("invalid_request");
            assertThat(upstream.received()).isEmpty();
        }
    }

    @Test
    void anHttp11RequestWithoutExactlyOneHostGets400AndAnotherMajorVersionGets505() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> Full.json(OpenAiReplies.completion("x")));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            String body = "{\"model\": \"m\", \"max_tokens\": 5, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}";
            String noHost = answerBeforeClose(proxy, "POST /v1/messages HTTP/1.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body);
            assertThat(noHost).startsWith("HTTP/1.1 400 ").contains("Host header").contains("\"type\":\"error\"");
            String twoHosts = answerBeforeClose(proxy, "POST /v1/chat/completions HTTP/1.1\r\nHost: a\r\nHost: b\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body);
            assertThat(twoHosts).startsWith("HTTP/1.1 400 ").contains("Host header");
            String http99 = answerBeforeClose(proxy, "POST /v1/chat/completions HTTP/9.9\r\nHost: localhost\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body);
            assertThat(http99).startsWith("HTTP/1.1 505 ").contains("http_version_not_supported");
            assertThat(upstream.received()).isEmpty();
            // HTTP/1.0 needs no Host.
            String http10 = answerBeforeClose(proxy, "POST /v1/chat/completions HTTP/1.0\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body);
            assertThat(http10).startsWith("HTTP/1.0 200 ");
        }
    }

    @Test
    void connectGets400AndTheConnectionIsClosed() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> Full.json("{}"));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier());
             AgentConnection agent = new AgentConnection(proxy.port())) {
            AgentConnection.Response r = agent.exchange(("CONNECT example.com:443 HTTP/1.1\r\n"
                    + "Host: example.com:443\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(r.status()).isEqualTo(400);
            assertThat(json(r.body()).path("error").path("code").asText()).isEqualTo("not_a_proxy_request");
            assertThat(r.header("connection")).isEqualTo("close");
            assertThat(agent.openAfter(5_000)).isFalse();
            assertThat(upstream.received()).isEmpty();
        }
    }

    @Test
    void connectionFailure502NamesTheRequestsIntentAndCategory() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (RefusalGuardProxy proxy = ProxyHarness.start("http://127.0.0.1:" + closedPort,
                ProxyHarness.classifier())) {
            for (String path : new String[] {"/v1/chat/completions", "/v1/messages"}) {
                HttpResponse<String> r = post(proxy, path, "{\"model\":\"m\",\"max_tokens\":50,\"messages\":"
                        + "[{\"role\":\"user\",\"content\":\"Write Sigma rules to detect LSASS memory dumping.\"}]}");
                assertThat(r.statusCode()).isEqualTo(502);
                assertThat(r.headers().firstValue("x-refusalguard-intent")).isPresent();
                assertThat(r.headers().firstValue("x-refusalguard-category")).isPresent();
                assertThat(r.headers().firstValue("x-refusalguard-request-id")).isPresent();
            }
        }
    }

    @Test
    void otherPathsAreForwardedUnchanged() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> Full.json("{\"object\":\"list\",\"data\":[]}"));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(proxy.baseUrl() + "/v1/models?x=1"))
                    .header("authorization", "Bearer sk-abc").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"object\":\"list\",\"data\":[]}");
            assertThat(upstream.received().get(0).uri()).isEqualTo("/v1/models?x=1");
            assertThat(upstream.received().get(0).headers().get("authorization")).isEqualTo("Bearer sk-abc");
        }
    }

    @Test
    void gzipUpstreamAnswerIsInspectedAndRecovered() throws Exception {
        String refusal = OpenAiReplies.completion("I'm sorry, but I can't assist with exploiting vulnerabilities or writing exploits.");
        String ok = OpenAiReplies.completion("Patch the service and add a WAF rule.");
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> new Full(200, "application/json",
                r.body().contains("exploit") ? refusal : ok, true));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier())) {
            HttpResponse<String> r = post(proxy, "/v1/chat/completions", "{\"model\":\"m\",\"messages\":[{\"role\":"
                    + "\"user\",\"content\":\"Our IDS flagged an exploit attempt against our web server. How do we "
                    + "patch it and detect repeats?\"}]}");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(ok);
            assertThat(r.headers().firstValue("x-refusalguard-action")).hasValue("rephrased");
        }
    }

}
