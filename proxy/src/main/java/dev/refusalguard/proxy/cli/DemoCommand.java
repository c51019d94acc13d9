package dev.refusalguard.proxy.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refusalguard.proxy.RefusalGuardProxy;
import dev.refusalguard.proxy.config.ConfigLoader;
import dev.refusalguard.proxy.config.ProxyConfig;
import dev.refusalguard.proxy.demo.DemoAgent;
import dev.refusalguard.proxy.demo.DemoReportPrinter;
import dev.refusalguard.proxy.demo.DemoSummary;
import dev.refusalguard.proxy.demo.DemoUpstream;
import dev.refusalguard.proxy.demo.DemoUpstreamConfig;

import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code demo}: the main job end to end on one machine. Starts the simulated safety-tuned upstream, the proxy
 * in front of it (default policy: rephrase, structured authorization context, reroute to a second model), sends
 * real defensive requests through it the way an agent would, and prints what happened.
 */
public final class DemoCommand {

    static final String USAGE = """
            usage: refusalguard demo [--requests N] [--concurrency N] [--seed N] [--exit]
                                     [--listen HOST:PORT] [--admin HOST:PORT]
              --requests     agent requests to send (default 200)
              --concurrency  requests in flight (default 8)
              --seed         prompt order and streaming choice (default 7)
              --exit         exit 0 after the table instead of serving until Ctrl-C
              --listen       proxy address (default 127.0.0.1:8080; port 0 = any free port)
              --admin        admin address with /metrics /bias (default 127.0.0.1:9090)
            The upstream is a SIMULATOR calibrated to the Defensive Refusal Bias study (docs/demo.md).
            """;

    private DemoCommand() {
    }

    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        Args a;
        int requests;
        int concurrency;
        long seed;
        try {
            a = Args.parse(args, Set.of("--requests", "--concurrency", "--seed", "--listen", "--admin"),
                    Set.of("--exit", "--help"));
            if (a.has("--help")) {
                out.print(USAGE);
                return 0;
            }
            requests = a.intValue("--requests", 200);
            concurrency = a.intValue("--concurrency", 8);
            seed = a.intValue("--seed", 7);
            if (requests < 1 || concurrency < 1 || concurrency > 256) {
                throw new IllegalArgumentException("--requests must be >= 1 and --concurrency 1..256");
            }
        } catch (IllegalArgumentException e) {
            err.println("refusalguard demo: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        try (DemoUpstream upstream = DemoUpstream.start(DemoUpstreamConfig.defaults())) {
            ProxyConfig config = config(upstream.baseUri(), a.get("--listen", "127.0.0.1:8080"),
                    a.get("--admin", "127.0.0.1:9090"));
            RefusalGuardProxy proxy;
            try {
                proxy = DefaultParts.start(config);
            } catch (Exception e) {
                err.println("refusalguard demo: cannot start the proxy: " + e.getMessage()
                        + " (is the port in use? try --listen 127.0.0.1:0 --admin 127.0.0.1:0)");
                return 1;
            }
            out.println("demo upstream (simulated safety-tuned model) on " + upstream.baseUri());
            out.println("RefusalGuard proxy on " + proxy.baseUrl() + ", admin " + proxy.adminUrl());
            out.println("sending " + requests + " defensive-agent requests (" + concurrency + " at a time)...");
            out.flush();
            DemoSummary summary = DemoAgent.run(URI.create(proxy.baseUrl()), upstream.baseUri(), requests,
                    concurrency, seed);
            out.println();
            if (a.has("--exit")) {
                DemoReportPrinter.printBeforeExit(summary, URI.create(proxy.adminUrl() + "/metrics"), out);
                out.flush();
                proxy.close();
                return 0;
            }
            DemoReportPrinter.print(summary, URI.create(proxy.adminUrl() + "/metrics"), out);
            out.println("bias report: " + proxy.adminUrl() + "/bias (JSON; HTML with Accept: text/html)");
            out.flush();
            out.println("serving until Ctrl-C (agents may use " + proxy.baseUrl() + "/v1 as their base URL)");
            out.flush();
            return ServeCommand.awaitSignalThenDrain(proxy, config, out);
        } catch (RuntimeException e) {
            err.println("refusalguard demo: " + e.getMessage());
            return 1;
        }
    }

    /** The demo's proxy config: the simulator as the only upstream, reroute to its lenient model. */
    static ProxyConfig config(URI upstream, String listen, String admin) {
        return config(upstream, listen, admin, "chain");
    }

    /** The demo's proxy config with a strategy selection mode ({@code chain} or {@code adaptive}). */
    public static ProxyConfig config(URI upstream, String listen, String admin, String selection) {
        return config(upstream, listen, admin, selection, true);
    }

    /** As above, with the recovery memory on or off (off isolates what the selector learns). */
    public static ProxyConfig config(URI upstream, String listen, String admin, String selection, boolean memory) {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        ObjectNode u = tree.putArray("upstreams").addObject();
        u.put("name", "demo");
        u.put("baseUrl", upstream.toString());
        u.put("format", "openai");
        u.putArray("models").add(DemoUpstreamConfig.DEFAULT_MODEL).add(DemoUpstreamConfig.LENIENT_MODEL);
        ObjectNode recovery = tree.putObject("recovery");
        recovery.put("selection", selection);
        recovery.put("memory", memory);
        recovery.putObject("reroute").putArray(DemoUpstreamConfig.DEFAULT_MODEL).add(DemoUpstreamConfig.LENIENT_MODEL);
        ObjectNode auth = tree.putObject("authorizationContext");
        auth.put("organisation", "Example Corp SOC");
        auth.put("role", "tier-2 incident responder");
        auth.put("asset_scope", "corp.example.com, 10.20.0.0/16");
        auth.put("engagement_id", "IR-2026-0412");
        Map<String, String> overrides = new HashMap<>();
        overrides.put("server.listen", listen);
        overrides.put("server.admin", admin);
        return ConfigLoader.load(tree, Map.of(), overrides);
    }
}
