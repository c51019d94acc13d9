package dev.refusalguard.proxy.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refusalguard.proxy.RefusalGuardProxy;
import dev.refusalguard.proxy.config.ApiFormat;
import dev.refusalguard.proxy.config.ConfigLoader;
import dev.refusalguard.proxy.config.ProxyConfig;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code serve}: runs the proxy until SIGTERM/SIGINT, then drains in-flight requests (server.drainTimeout) and
 * exits 0.
 */
public final class ServeCommand {

    static final String USAGE = """
            usage: refusalguard serve [--config FILE.yaml] [--listen HOST:PORT] [--admin HOST:PORT]
                                      [--upstream URL] [--format openai|anthropic] [--audit-log FILE]
              --config    YAML config (see README.md); environment variables REFUSALGUARD_<KEY> override it
              --listen    agent-facing address (default 127.0.0.1:8080)
              --admin     admin address for /metrics /healthz /readyz /bias (default 127.0.0.1:9090)
              --upstream  one upstream for every model, e.g. https://api.openai.com (when no --config)
              --format    wire format of --upstream (default openai)
              --audit-log JSON Lines audit log file (prompts redacted unless audit.logPrompts)
            """;

    private ServeCommand() {
    }

    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        Args a;
        ProxyConfig config;
        try {
            a = Args.parse(args, Set.of("--config", "--listen", "--admin", "--upstream", "--format", "--audit-log"),
                    Set.of("--help"));
            if (a.has("--help")) {
                out.print(USAGE);
                return 0;
            }
            config = load(a, System.getenv());
        } catch (IllegalArgumentException e) {
            // One line naming the flag or key; the usage text would bury it.
            err.println("refusalguard serve: " + e.getMessage());
            err.println("(refusalguard serve --help lists the flags; README.md lists the config keys)");
            return 2;
        }
        RefusalGuardProxy proxy;
        try {
            proxy = DefaultParts.start(config);
        } catch (Exception e) {
            err.println("refusalguard serve: cannot start: " + e.getMessage());
            return 1;
        }
        out.println("RefusalGuard listening on " + proxy.baseUrl() + " (admin " + proxy.adminUrl()
                + ": /metrics /healthz /readyz /bias)");
        config.upstreams().forEach(u -> out.println("  upstream " + u.name() + " -> " + u.baseUrl() + " ("
                + u.format().wireName() + ")"));
        out.println("  transport " + proxy.transport().wireName() + " (server.transport " + config.server().transport()
                + ")");
        out.flush();
        return awaitSignalThenDrain(proxy, config, out);
    }

    /** Builds the config from flags: --config file, or the --upstream simple case; flags override both. */
    static ProxyConfig load(Args a, Map<String, String> env) {
        Map<String, String> overrides = new HashMap<>();
        if (a.has("--listen")) {
            overrides.put("server.listen", a.get("--listen"));
        }
        if (a.has("--admin")) {
            overrides.put("server.admin", a.get("--admin"));
        }
        if (a.has("--audit-log")) {
            overrides.put("audit.file", a.get("--audit-log"));
        }
        if (a.has("--config")) {
            if (a.has("--upstream")) {
                throw new IllegalArgumentException("--upstream and --config are exclusive: put upstreams in the file");
            }
            return ConfigLoader.load(Path.of(a.get("--config")), env, overrides);
        }
        if (!a.has("--upstream")) {
            throw new IllegalArgumentException("give --upstream URL or --config FILE");
        }
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        ObjectNode upstream = tree.putArray("upstreams").addObject();
        upstream.put("name", "default");
        upstream.put("baseUrl", a.get("--upstream"));
        String format = a.get("--format", "openai");
        try {
            ApiFormat.fromWireName(format);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--format: must be openai or anthropic, got '" + format + "'");
        }
        upstream.put("format", format);
        return ConfigLoader.load(tree, env, overrides);
    }

    /** Blocks until SIGTERM or SIGINT, drains, and returns the exit code (0 on a clean drain). */
    static int awaitSignalThenDrain(RefusalGuardProxy proxy, ProxyConfig config, PrintStream out) {
        CountDownLatch stop = new CountDownLatch(1);
        Signals.onTerminate(stop::countDown);
        try {
            stop.await();
            out.println("RefusalGuard draining (up to " + config.server().drainTimeout().toSeconds() + " s, "
                    + proxy.activeExchanges() + " in flight)");
            out.flush();
            boolean clean = proxy.drain(config.server().drainTimeout());
            out.println(clean ? "RefusalGuard stopped" : "RefusalGuard stopped (drain deadline reached)");
            out.flush();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            proxy.close();
            return 1;
        }
    }
}
