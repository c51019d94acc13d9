package dev.refusalguard.proxy.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A loopback OpenAI/Anthropic-shaped upstream for audit tests: refuses (in text) any request whose user or system
 * text contains a trigger word, answers everything else. Records what it received.
 */
final class ScriptedLlm implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    final List<JsonNode> received = new CopyOnWriteArrayList<>();
    final List<String> authHeaders = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger();
    volatile Predicate<String> failWhen = text -> false;
    private final List<String> triggers;

    ScriptedLlm(List<String> triggers) throws IOException {
        this.triggers = triggers;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/v1/chat/completions", exchange -> answer(exchange, false));
        server.createContext("/v1/messages", exchange -> answer(exchange, true));
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange, boolean anthropic) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        received.add(body);
        String auth = anthropic ? exchange.getRequestHeaders().getFirst("x-api-key")
                : exchange.getRequestHeaders().getFirst("authorization");
        authHeaders.add(auth == null ? "" : auth);
        StringBuilder text = new StringBuilder(body.path("system").asText(""));
        for (JsonNode message : body.path("messages")) {
            text.append('\n').append(message.path("content").asText(""));
        }
        String all = text.toString().toLowerCase();
        if (failWhen.test(all) && failuresLeft.getAndDecrement() > 0) {
            send(exchange, 503, "{\"error\":{\"message\":\"overloaded\"}}");
            return;
        }
        if (all.contains("forbidden-topic")) {
            send(exchange, 400, "{\"error\":{\"code\":\"content_policy_violation\",\"message\":\"blocked\"}}");
            return;
        }
        boolean refuse = triggers.stream().anyMatch(all::contains);
        String reply = refuse ? "I can't help with that request." : "Here is how to approach it: first, ...";
        String response = anthropic
                ? "{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"" + reply
                        + "\"}],\"stop_reason\":\"end_turn\"}"
                : "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + reply
                        + "\",\"refusal\":null},\"finish_reason\":\"stop\"}]}";
        send(exchange, 200, response);
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
