package dev.refusalguard.proxy;

import dev.refusalguard.classifier.RefusalClassifier;
import dev.refusalguard.proxy.admin.AdminRoutes;
import dev.refusalguard.proxy.admin.AdminServer;
import dev.refusalguard.proxy.api.Api;
import dev.refusalguard.proxy.api.ApiAdapter;
import dev.refusalguard.proxy.api.AnthropicMessagesAdapter;
import dev.refusalguard.proxy.api.OpenAiChatAdapter;
import dev.refusalguard.proxy.api.OpenAiResponsesAdapter;
import dev.refusalguard.proxy.auditlog.AuditLog;
import dev.refusalguard.proxy.config.ProxyConfig;
import dev.refusalguard.proxy.config.UpstreamConfig;
import dev.refusalguard.proxy.detect.InferenceExecutor;
import dev.refusalguard.proxy.detect.RefusalDetector;
import dev.refusalguard.proxy.exchange.ExchangeServices;
import dev.refusalguard.proxy.exchange.ExchangeSummary;
import dev.refusalguard.proxy.metrics.MeterCatalogue;
import dev.refusalguard.proxy.metrics.ProxyMetrics;
import dev.refusalguard.proxy.recovery.AnalysisCache;
import dev.refusalguard.proxy.recovery.RequestPolicy;
import dev.refusalguard.proxy.server.NetTransport;
import dev.refusalguard.proxy.server.ProxyServer;
import dev.refusalguard.proxy.upstream.UpstreamClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The assembled proxy: agent listener, admin listener, upstream client, detector, policy, metrics and audit log.
 * Built from an immutable config; {@link #close()} (or {@link #drain}) stops everything.
 */
public final class RefusalGuardProxy implements AutoCloseable {

    /** The parts a proxy is assembled from besides its config. */
    public record Parts(RefusalClassifier classifier,
                        java.util.function.Supplier<RequestPolicy> policy,
                        Consumer<ExchangeSummary> exchangeListener,
                        Function<Boolean, String> biasPage,
                        dev.refusalguard.proxy.exchange.ShadowProber shadow) {
    }

    private final ProxyConfig config;
    private final NetTransport transport;
    private final EventLoopGroup group;
    private final InferenceExecutor inference;
    private final UpstreamClient upstreams;
    private final PrometheusMeterRegistry registry;
    private final AuditLog audit;
    private final ProxyServer server;
    private final AdminServer admin;
    private final RefusalClassifier classifier;
    private final ProxyMetrics metrics;
    private volatile boolean ready;
    private final java.util.List<AutoCloseable> extras = new java.util.concurrent.CopyOnWriteArrayList<>();

    private RefusalGuardProxy(ProxyConfig config, Parts parts) throws InterruptedException {
        this.config = config;
        this.classifier = parts.classifier();
        this.transport = NetTransport.select(config.server().transport());
        this.group = new MultiThreadIoEventLoopGroup(config.server().effectiveIoThreads(), transport.ioHandlerFactory());
        this.inference = new InferenceExecutor(config.server().effectiveInferenceThreads(),
                config.server().inferenceQueue());
        this.upstreams = new UpstreamClient(config.server(), transport);
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.metrics = new ProxyMetrics(registry, knownModels(config));
        metrics.gauge(MeterCatalogue.INFERENCE_QUEUE, inference::queued);
        metrics.registerQuietSeries(java.util.Arrays.stream(Api.values()).map(Api::tag).toList(),
                // A released stream is judged on its own answer: a late refusal never comes from the memory.
                java.util.Arrays.stream(dev.refusalguard.proxy.detect.RefusalSignal.values())
                        .filter(s -> s != dev.refusalguard.proxy.detect.RefusalSignal.RECOVERY_MEMORY)
                        .map(dev.refusalguard.proxy.detect.RefusalSignal::tag).toList(),
                java.util.Arrays.stream(dev.refusalguard.policies.TaskCategory.values())
                        .map(dev.refusalguard.policies.TaskCategory::wireName).toList(),
                config.shadow().enabled());
        this.audit = AuditLog.open(config.audit());
        metrics.counterOf(MeterCatalogue.AUDIT_DROPPED, audit::dropped);
        RefusalDetector detector = new RefusalDetector(parts.classifier(), inference, config.detection(), metrics);
        ExchangeServices services = new ExchangeServices(config, upstreams, detector, parts.policy(), inference,
                metrics, audit, parts.exchangeListener(), parts.shadow(),
                new AnalysisCache(config.server().analysisCacheChars(), metrics::analysisCacheLookup));
        Map<Api, ApiAdapter> adapters = new EnumMap<>(Api.class);
        adapters.put(Api.OPENAI_CHAT, new OpenAiChatAdapter());
        adapters.put(Api.OPENAI_RESPONSES, new OpenAiResponsesAdapter());
        adapters.put(Api.ANTHROPIC_MESSAGES, new AnthropicMessagesAdapter());
        ProxyServer started = null;
        AdminServer startedAdmin = null;
        try {
            started = new ProxyServer(group, transport, config.server().listenAddress(), services, adapters);
            ProxyServer s = started;
            metrics.gauge(MeterCatalogue.ACTIVE_EXCHANGES, s::activeExchanges);
            metrics.gauge(MeterCatalogue.AGENT_CONNECTIONS, s::openConnections);
            metrics.counterOf(MeterCatalogue.AGENT_CONNECTIONS_REJECTED, s::rejectedConnections);
            startedAdmin = new AdminServer(group, transport, config.server().adminAddress(),
                    config.server().requestReadTimeout(), new AdminRoutes(
                    registry::scrape,
                    () -> !group.isShuttingDown(),
                    () -> ready && !s.draining(),
                    parts.biasPage()));
        } catch (InterruptedException | RuntimeException e) {
            if (started != null) {
                started.close();
            }
            shutdownResources();
            throw e;
        }
        this.server = started;
        this.admin = startedAdmin;
        this.ready = true;
    }

    public static RefusalGuardProxy start(ProxyConfig config, Parts parts) throws InterruptedException {
        return new RefusalGuardProxy(config, parts);
    }

    private static List<String> knownModels(ProxyConfig config) {
        List<String> models = new ArrayList<>();
        for (UpstreamConfig u : config.upstreams()) {
            models.addAll(u.models());
        }
        config.routes().forEach(r -> {
            if (!r.model().endsWith("*")) {
                models.add(r.model());
            }
        });
        config.recovery().reroute().forEach((model, fallbacks) -> {
            models.add(model);
            models.addAll(fallbacks);
        });
        return models;
    }

    /** Closes {@code resource} when the proxy stops (policy watcher, counts file...). */
    public void closeWith(AutoCloseable resource) {
        extras.add(resource);
    }

    public ProxyConfig config() {
        return config;
    }

    /** The socket transport in use (server.transport resolved: epoll or nio). */
    public NetTransport transport() {
        return transport;
    }

    public int port() {
        return server.port();
    }

    public int adminPort() {
        return admin.port();
    }

    public String baseUrl() {
        return "http://" + hostForUrl(config.server().listenAddress().host()) + ":" + port();
    }

    public String adminUrl() {
        return "http://" + hostForUrl(config.server().adminAddress().host()) + ":" + adminPort();
    }

    public ProxyMetrics metrics() {
        return metrics;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public boolean ready() {
        return ready && !server.draining();
    }

    public int activeExchanges() {
        return server.activeExchanges();
    }

    private static String hostForUrl(String host) {
        if (host.equals("0.0.0.0") || host.equals("::")) {
            return "127.0.0.1";
        }
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    /** Graceful stop: refuse new connections, let in-flight requests finish up to the timeout, then close. */
    public boolean drain(Duration timeout) throws InterruptedException {
        boolean clean = server.drain(timeout);
        close();
        return clean;
    }

    @Override
    public void close() {
        ready = false;
        server.close();
        admin.close();
        shutdownResources();
    }

    private void shutdownResources() {
        for (AutoCloseable c : extras) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("refusalguard: closing " + c + ": " + e.getMessage());
            }
        }
        upstreams.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        inference.close();
        audit.close();
        registry.close();
        classifier.close();
    }
}
