package dev.refusalguard.proxy.demo;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class DemoUpstreamErrorShapesTest {

    private static DemoUpstream upstream;

    @BeforeAll
    static void start() {
        upstream = DemoUpstream.start(DemoUpstreamConfig.defaults().withMaxRequestBytes(4_096));
    }

    @AfterAll
    static void stop() {
        upstream.close();
    }

    private static void assertOpenAiError(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).isEqualTo(status);
        JsonNode error = DemoHttp.json(r.body()).path("error");
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.has("param")).isTrue();
        if (code == null) {
            assertThat(error.path("code").isNull()).isTrue();
        } else {
            assertThat(error.path("code").asText()).isEqualTo(code);
        }
        assertThat(r.headers().firstValue(SimulatedDecision.HEADER)).isEmpty();
    }

    private static void assertAnthropicError(HttpResponse<String> r, int status, String type) {
        assertThat(r.statusCode()).isEqualTo(status);
        JsonNode e = DemoHttp.json(r.body());
        assertThat(e.path("type").asText()).isEqualTo("error");
        assertThat(e.path("error").path("type").asText()).isEqualTo(type);
        assertThat(e.path("error").path("message").asText()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {ChatCompletionsApi.PATH, ResponsesApi.PATH})
    void malformedJsonIsHttp400InOpenAiShape(String path) {
        assertOpenAiError(DemoHttp.post(upstream.baseUri(), path, "{\"model\": \"x\", "), 400, null);
        assertOpenAiError(DemoHttp.post(upstream.baseUri(), path, "[1, 2]"), 400, null);
    }

    @Test
    void malformedJsonIsHttp400InAnthropicShape() {
        assertAnthropicError(DemoHttp.post(upstream.baseUri(), MessagesApi.PATH, "{oops",
                "anthropic-version", "2023-06-01"), 400, "invalid_request_error");
    }

    @Test
    void missingModelAndMessagesAreNamed() {
        HttpResponse<String> noModel = DemoHttp.post(upstream.baseUri(), ChatCompletionsApi.PATH,
                "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
        assertOpenAiError(noModel, 400, "missing_required_parameter");
        assertThat(DemoHttp.json(noModel.body()).path("error").path("param").asText()).isEqualTo("model");
        HttpResponse<String> noMessages = DemoHttp.post(upstream.baseUri(), ChatCompletionsApi.PATH,
                "{\"model\": \"demo-guarded-1\"}");
        assertThat(DemoHttp.json(noMessages.body()).path("error").path("param").asText()).isEqualTo("messages");
        HttpResponse<String> noInput = DemoHttp.post(upstream.baseUri(), ResponsesApi.PATH, "{\"model\": \"m\"}");
        assertThat(DemoHttp.json(noInput.body()).path("error").path("param").asText()).isEqualTo("input");
        HttpResponse<String> noMaxTokens = DemoHttp.post(upstream.baseUri(), MessagesApi.PATH,
                "{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}",
                "anthropic-version", "2023-06-01");
        assertAnthropicError(noMaxTokens, 400, "invalid_request_error");
        assertThat(DemoHttp.json(noMaxTokens.body()).path("error").path("message").asText()).contains("max_tokens");
    }

    @Test
    void unknownPathIsHttp404AndWrongMethodIsHttp405() {
        assertOpenAiError(DemoHttp.post(upstream.baseUri(), "/v1/embeddings", "{}"), 404, "unknown_url");
        assertOpenAiError(DemoHttp.get(upstream.baseUri(), ChatCompletionsApi.PATH), 405, "method_not_allowed");
        assertAnthropicError(DemoHttp.get(upstream.baseUri(), MessagesApi.PATH), 405, "invalid_request_error");
    }

    @Test
    void bodyOverTheLimitIsHttp413InTheApisShape() {
        String big = "{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"" + "a".repeat(8_000) + "\"}]}";
        assertOpenAiError(DemoHttp.post(upstream.baseUri(), ChatCompletionsApi.PATH, big), 413, "request_too_large");
        assertAnthropicError(DemoHttp.post(upstream.baseUri(), MessagesApi.PATH, big, "anthropic-version", "2023-06-01"),
                413, "request_too_large");
    }

    @Test
    void modelListNamesTheConfiguredModels() {
        JsonNode list = DemoHttp.json(DemoHttp.get(upstream.baseUri(), ModelsApi.PATH).body());
        assertThat(list.path("object").asText()).isEqualTo("list");
        assertThat(list.path("data").findValuesAsText("id"))
                .containsExactly(DemoUpstreamConfig.DEFAULT_MODEL, DemoUpstreamConfig.LENIENT_MODEL);
    }

    @Test
    void keepAliveConnectionServesAStreamThenAFullAnswer() throws IOException {
        String stream = "{\"model\":\"demo-lenient-1\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
        String plain = "{\"model\":\"demo-lenient-1\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
        try (Socket socket = new Socket("127.0.0.1", upstream.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(request(stream));
            out.flush();
            String first = readUntil(in, "0\r\n\r\n");
            assertThat(first).startsWith("HTTP/1.1 200").contains("transfer-encoding: chunked").contains("data: [DONE]");
            out.write(request(plain));
            out.flush();
            String second = readUntil(in, "}");
            assertThat(second).startsWith("HTTP/1.1 200").contains("\"object\":\"chat.completion\"");
        }
    }

    private static byte[] request(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + ChatCompletionsApi.PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(body);
        return b.toByteArray();
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().endsWith(end)) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            sb.append((char) c);
        }
        return sb.toString();
    }
}
