import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in LLM API on loopback for deploy/ci/runtime-check.sh and measure.sh: OpenAI Chat Completions, streamed
 * (SSE, one chunk every delay) or whole. The answer is an ordinary compliant log-analysis answer, so the proxy
 * passes it through. Run with the JDK's source launcher:  java SlowUpstream.java PORT CHUNKS DELAY_MS
 * Prints "listening PORT" once ready. Serves until killed.
 */
public final class SlowUpstream {

    private static final Pattern STREAM_TRUE = Pattern.compile("\"stream\"\\s*:\\s*true");
    private static final String[] WORDS = ("Start with the authentication log: group failed logins by source address "
            + "and user, then compare the hours against the change calendar. ").split(" ");

    private SlowUpstream() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        int chunks = Integer.parseInt(args[1]);
        long delayMs = Long.parseLong(args[2]);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (!"POST".equals(exchange.getRequestMethod())
                        || !exchange.getRequestURI().getPath().endsWith("/chat/completions")) {
                    reply(exchange, 404, "application/json", "{\"error\":{\"message\":\"not found\"}}");
                    return;
                }
                String model = field(body, "model", "gpt-4o-mini");
                if (STREAM_TRUE.matcher(body).find()) {
                    stream(exchange, model, chunks, delayMs);
                } else {
                    reply(exchange, 200, "application/json", whole(model, chunks));
                }
            } catch (IOException | InterruptedException e) {
                // the client went away; nothing to clean up beyond the exchange itself
            }
        });
        server.start();
        System.out.println("listening " + port);
    }

    private static void stream(HttpExchange exchange, String model, int chunks, long delayMs)
            throws IOException, InterruptedException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (int i = 0; i < chunks; i++) {
            String delta = i == 0 ? "{\"role\":\"assistant\",\"content\":\"" + word(i) + "\"}"
                    : "{\"content\":\"" + word(i) + "\"}";
            event(out, "{\"id\":\"chatcmpl-slow\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\""
                    + model + "\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":null}]}");
            Thread.sleep(delayMs);
        }
        event(out, "{\"id\":\"chatcmpl-slow\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\""
                + model + "\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
        event(out, "[DONE]");
    }

    private static String whole(String model, int words) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            text.append(word(i));
        }
        return "{\"id\":\"chatcmpl-slow\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"" + model
                + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + text
                + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":" + words
                + ",\"total_tokens\":" + (words + 10) + "}}";
    }

    /** Word i of the answer, numbered so a check can prove no chunk was lost: "w17:Start ". */
    private static String word(int i) {
        return "w" + i + ":" + WORDS[i % WORDS.length] + " ";
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String field(String json, String name, String fallback) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : fallback;
    }
}
