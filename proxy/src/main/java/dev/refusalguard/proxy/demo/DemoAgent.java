package dev.refusalguard.proxy.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A scripted autonomous defensive agent: sends bundled demo requests as OpenAI Chat Completions (a mix of
 * streaming and non-streaming) through the proxy, and the same requests straight to the upstream, and
 * records what came back. It reads the simulator's ground truth ({@code x-demo-simulated}) and the proxy's
 * headers ({@code x-refusalguard-action|strategy|attempts}).
 *
 * <pre>
 * DemoSummary s = DemoAgent.run(proxyBase, upstream.baseUri(), 200, 8, 42L);
 * DemoReportPrinter.print(s, metricsUrl, System.out);
 * </pre>
 */
public final class DemoAgent {

    public static final String ACTION_HEADER = "x-refusalguard-action";
    public static final String STRATEGY_HEADER = "x-refusalguard-strategy";
    public static final String ATTEMPTS_HEADER = "x-refusalguard-attempts";

    /** Proxy actions meaning "the refusal stands". */
    private static final Set<String> FINAL_REFUSAL_ACTIONS = Set.of("refused", "blocked", "blocked_by_intent");

    private final DemoAgentOptions options;
    private final HttpClient client;

    private DemoAgent(DemoAgentOptions options, HttpClient client) {
        this.options = options;
        this.client = client;
    }

    /**
     * Runs {@code requests} requests with at most {@code concurrency} in flight, against the proxy and (when
     * {@code directBase} is not null) straight against the upstream, with default options.
     *
     * @param proxyBase   base URL of the proxy, e.g. {@code http://127.0.0.1:8080}
     * @param directBase  base URL of the upstream for the no-proxy comparison, or null to skip it
     * @param requests    number of requests (bundled prompts in a seeded order, see {@link #plan})
     * @param concurrency requests in flight at once
     * @param seed        order of prompts and choice of streaming
     */
    public static DemoSummary run(URI proxyBase, URI directBase, int requests, int concurrency, long seed) {
        return run(proxyBase, directBase, requests, concurrency, seed, DemoAgentOptions.defaults());
    }

    public static DemoSummary run(URI proxyBase, URI directBase, int requests, int concurrency, long seed,
                                  DemoAgentOptions options) {
        if (proxyBase == null) {
            throw new IllegalArgumentException("proxyBase must be given");
        }
        if (requests < 1) {
            throw new IllegalArgumentException("requests must be >= 1, was " + requests);
        }
        if (concurrency < 1 || concurrency > 256) {
            throw new IllegalArgumentException("concurrency must be 1..256, was " + concurrency);
        }
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "demo-agent");
            t.setDaemon(true);
            return t;
        });
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        DemoAgent agent = new DemoAgent(options, client);
        long start = System.nanoTime();
        try {
            List<Future<DemoExchange>> futures = new ArrayList<>();
            for (Planned p : plan(requests, seed, options)) {
                futures.add(pool.submit(() -> agent.exchange(p, proxyBase, directBase)));
            }
            List<DemoExchange> exchanges = new ArrayList<>(requests);
            for (Future<DemoExchange> f : futures) {
                exchanges.add(f.get());
            }
            return new DemoSummary(exchanges, directBase != null, (System.nanoTime() - start) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("demo agent interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("demo agent failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One planned request: which bundled request, streamed or not. */
    record Planned(DemoRequest request, boolean streaming) {
    }

    /** Every this many requests, one is a clearly offensive request (5 %), so the table shows them standing. */
    static final int OFFENSIVE_EVERY = 20;

    /**
     * The seeded plan: defensive prompts in a shuffled order, one offensive prompt in every
     * {@value #OFFENSIVE_EVERY} requests (each list repeated when more requests are asked than it holds), and
     * a streaming choice per request.
     */
    static List<Planned> plan(int requests, long seed, DemoAgentOptions options) {
        List<DemoRequest> defensive = new ArrayList<>();
        List<DemoRequest> offensive = new ArrayList<>();
        for (DemoRequest r : DemoRequests.bundled(options.calibration())) {
            (r.prompt().offensive() ? offensive : defensive).add(r);
        }
        Random random = new Random(seed);
        Collections.shuffle(defensive, random);
        Collections.shuffle(offensive, random);
        List<Planned> plan = new ArrayList<>(requests);
        int d = 0;
        int o = 0;
        for (int i = 0; i < requests; i++) {
            boolean offensiveSlot = !offensive.isEmpty() && i % OFFENSIVE_EVERY == OFFENSIVE_EVERY / 2;
            DemoRequest r = offensiveSlot ? offensive.get(o++ % offensive.size()) : defensive.get(d++ % defensive.size());
            plan.add(new Planned(r, random.nextDouble() < options.streamingShare()));
        }
        return plan;
    }

    private DemoExchange exchange(Planned p, URI proxyBase, URI directBase) {
        String body = body(p);
        Received direct = directBase == null ? null : send(directBase, body, p.streaming());
        long t0 = System.nanoTime();
        Received viaProxy = send(proxyBase, body, p.streaming());
        long millis = (System.nanoTime() - t0) / 1_000_000;
        DemoPrompt prompt = p.request().prompt();
        return new DemoExchange(prompt.id(), prompt.category(), prompt.sensitive(), prompt.offensive(),
                p.request().authorizationClaim(), p.streaming(),
                viaProxy.status, viaProxy.outcome(p.streaming()), viaProxy.action, viaProxy.strategy,
                viaProxy.attempts, direct == null ? 0 : direct.status,
                direct == null ? null : direct.outcome(p.streaming()), millis);
    }

    private String body(Planned p) {
        ObjectNode req = JsonBodies.object().put("model", options.model());
        ArrayNode messages = req.putArray("messages");
        messages.addObject().put("role", "system").put("content", p.request().systemText());
        messages.addObject().put("role", "user").put("content", p.request().userText());
        if (p.streaming()) {
            req.put("stream", true);
            req.putObject("stream_options").put("include_usage", true);
        }
        return JsonBodies.write(req);
    }

    /** What came back for one request (status 0 = transport failure). */
    private record Received(int status, String simulated, String action, String strategy, int attempts,
                            boolean streamComplete) {

        AnswerOutcome outcome(boolean streaming) {
            if ("refusal".equals(simulated)) {
                return AnswerOutcome.REFUSAL;
            }
            if (action != null && FINAL_REFUSAL_ACTIONS.contains(action)) {
                return AnswerOutcome.REFUSAL;
            }
            if (status == 0 || status >= 400) {
                return AnswerOutcome.ERROR;
            }
            if ("compliance".equals(simulated)) {
                return streaming && !streamComplete ? AnswerOutcome.ERROR : AnswerOutcome.COMPLIANCE;
            }
            return AnswerOutcome.UNKNOWN;
        }
    }

    private Received send(URI base, String body, boolean streaming) {
        HttpRequest request = HttpRequest.newBuilder(chatCompletions(base))
                .timeout(options.requestTimeout())
                .header("content-type", "application/json")
                .header("authorization", "Bearer demo-agent-key")
                .header("accept", streaming ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Received(r.statusCode(),
                    r.headers().firstValue(SimulatedDecision.HEADER).orElse(null),
                    r.headers().firstValue(ACTION_HEADER).orElse(null),
                    r.headers().firstValue(STRATEGY_HEADER).orElse(null),
                    parseAttempts(r.headers().firstValue(ATTEMPTS_HEADER).orElse(null)),
                    !streaming || r.body().contains("data: [DONE]") || r.body().contains("event: message_stop"));
        } catch (IOException e) {
            return new Received(0, null, null, null, 0, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Received(0, null, null, null, 0, false);
        }
    }

    private static int parseAttempts(String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** {@code base/v1/chat/completions}, accepting a base with or without a trailing {@code /v1}. */
    static URI chatCompletions(URI base) {
        String s = base.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s.endsWith("/v1") ? s + "/chat/completions" : s + ChatCompletionsApi.PATH);
    }
}
