package dev.refusalguard.proxy.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deliberately tiny stand-in for the RefusalGuard proxy, for testing the demo agent's accounting only:
 * forwards Chat Completions to the demo upstream, and when the simulator refuses a request that is not
 * offensive, retries it once on the lenient model; sets the x-refusalguard-* headers and serves /metrics.
 * Buffers whole responses (no streaming window): it is a test double, not the product.
 */
final class RerouteTestProxy implements AutoCloseable {

    private final HttpServer server;
    private final URI upstream;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, AtomicInteger> refusalsBySignal = new ConcurrentHashMap<>();
    private final AtomicInteger recoveries = new AtomicInteger();

    RerouteTestProxy(URI upstream) throws IOException {
        this.upstream = upstream;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/v1/chat/completions", this::chat);
        server.createContext("/metrics", this::metrics);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    URI metricsUri() {
        return baseUri().resolve("/metrics");
    }

    private void chat(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        HttpResponse<String> first = forward(body);
        String action = "none";
        String strategy = null;
        int attempts = 1;
        HttpResponse<String> answer = first;
        if ("refusal".equals(first.headers().firstValue(SimulatedDecision.HEADER).orElse(""))) {
            refusalsBySignal.computeIfAbsent(first.headers().firstValue(SimulatedDecision.DELIVERY_HEADER).orElse("?"),
                    k -> new AtomicInteger()).incrementAndGet();
            ObjectNode req = (ObjectNode) DemoHttp.json(body);
            String user = req.path("messages").get(1).path("content").asText();
            if (OffensiveMarkers.isOffensive(user)) {
                action = "refused";
            } else {
                req.put("model", DemoUpstreamConfig.LENIENT_MODEL);
                answer = forward(DemoHttp.jsonString(req));
                attempts = 2;
                strategy = "reroute";
                if ("compliance".equals(answer.headers().firstValue(SimulatedDecision.HEADER).orElse(""))) {
                    action = "rerouted";
                    recoveries.incrementAndGet();
                } else {
                    action = "refused";
                }
            }
        }
        answer.headers().firstValue(SimulatedDecision.HEADER).ifPresent(v -> ex.getResponseHeaders().set(SimulatedDecision.HEADER, v));
        answer.headers().firstValue("content-type").ifPresent(v -> ex.getResponseHeaders().set("content-type", v));
        ex.getResponseHeaders().set(DemoAgent.ACTION_HEADER, action);
        ex.getResponseHeaders().set(DemoAgent.ATTEMPTS_HEADER, Integer.toString(attempts));
        if (strategy != null) {
            ex.getResponseHeaders().set(DemoAgent.STRATEGY_HEADER, strategy);
        }
        byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(answer.statusCode(), out.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(out);
        }
    }

    private HttpResponse<String> forward(String body) throws IOException {
        try {
            return client.send(HttpRequest.newBuilder(upstream.resolve(ChatCompletionsApi.PATH))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private void metrics(HttpExchange ex) throws IOException {
        StringBuilder sb = new StringBuilder("# HELP refusalguard_refusals_total Refusals detected.\n"
                + "# TYPE refusalguard_refusals_total counter\n");
        refusalsBySignal.forEach((signal, n) -> sb.append("refusalguard_refusals_total{model=\"demo\",signal=\"")
                .append(signal).append("\"} ").append(n.get()).append(".0\n"));
        sb.append("refusalguard_recovery_attempts_total{category=\"other\",model=\"demo\",result=\"recovered\","
                + "strategy=\"reroute\"} ").append(recoveries.get()).append(".0\n");
        sb.append("refusalguard_recovery_attempts_total{category=\"other\",model=\"demo\",result=\"refused\","
                + "strategy=\"reroute\"} 99.0\n");
        byte[] out = sb.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("content-type", "text/plain; version=0.0.4");
        ex.sendResponseHeaders(200, out.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
