package dev.refusalguard.proxy.demo;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class DemoUpstreamTransportTest {

    private static final String STREAM_BODY =
            "{\"model\":\"demo-lenient-1\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}";

    @Test
    void gzipAnswersAndStreamsDecompressToTheSameWireFormat() throws Exception {
        try (DemoUpstream upstream = DemoUpstream.start(DemoUpstreamConfig.defaults()
                .withChunkDelay(Duration.ZERO).withCompressResponses(true))) {
            for (boolean stream : new boolean[] {false, true}) {
                String body = stream ? STREAM_BODY : STREAM_BODY.replace("\"stream\":true,", "");
                HttpResponse<byte[]> r = DemoHttp.CLIENT.send(HttpRequest.newBuilder(
                                upstream.baseUri().resolve(ChatCompletionsApi.PATH))
                        .header("content-type", "application/json").header("accept-encoding", "gzip")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(r.headers().firstValue("content-encoding")).hasValue("gzip");
                String text;
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                if (stream) {
                    assertThat(DemoHttp.frames(text)).last().extracting(DemoHttp.SseFrame::data).isEqualTo("[DONE]");
                } else {
                    assertThat(DemoHttp.json(text).path("object").asText()).isEqualTo("chat.completion");
                }
            }
        }
    }

    @Test
    void clientThatLeavesMidStreamDoesNotHurtTheServer() throws IOException {
        try (DemoUpstream upstream = DemoUpstream.start(DemoUpstreamConfig.defaults()
                .withChunkDelay(Duration.ofMillis(30)))) {
            for (int i = 0; i < 5; i++) {
                try (Socket socket = new Socket("127.0.0.1", upstream.port())) {
                    socket.setSoTimeout(5_000);
                    byte[] json = STREAM_BODY.getBytes(StandardCharsets.UTF_8);
                    OutputStream out = socket.getOutputStream();
                    out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + json.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(json);
                    out.flush();
                    byte[] first = socket.getInputStream().readNBytes(200);
                    assertThat(new String(first, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
                }
            }
            HttpResponse<String> after = DemoHttp.post(upstream.baseUri(), ChatCompletionsApi.PATH, STREAM_BODY);
            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(after.body()).endsWith("data: [DONE]\n\n");
        }
    }
}
