package dev.refusalguard.proxy.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Loopback HTTP helpers for the demo tests (JDK client, Jackson). */
final class DemoHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    /** A refused-for-sure request: a bundled offensive prompt (always refused by the simulator). */
    static String offensivePrompt() {
        return DemoPromptSet.bundled().stream().filter(DemoPrompt::offensive).findFirst().orElseThrow().text();
    }

    /** A request the lenient model answers for sure (log analysis, neutral, lenient: p far below 1 %). */
    static final String BENIGN_LOG_QUESTION =
            "Search the sign-in logs to answer: which account signed in from 10.0.0.5 at 09:00 on host web-1?";

    record SseFrame(String event, String data) {
    }

    private DemoHttp() {
    }

    static HttpResponse<String> post(URI base, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(20))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    static HttpResponse<String> get(URI base, String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20)).GET().build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String jsonString(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits an SSE body into frames (event name, data line), strictly: each frame ends with a blank line. */
    static List<SseFrame> frames(String body) {
        List<SseFrame> frames = new ArrayList<>();
        if (!body.endsWith("\n\n")) {
            throw new AssertionError("SSE body does not end with a blank line");
        }
        for (String block : body.split("\n\n")) {
            if (block.isEmpty()) {
                continue;
            }
            String event = null;
            String data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                } else {
                    throw new AssertionError("unexpected SSE line: " + line);
                }
            }
            frames.add(new SseFrame(event, data));
        }
        return frames;
    }
}
