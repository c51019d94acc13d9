package dev.refusalguard.proxy.config;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole, immutable, validated proxy configuration. Loaded by {@link ConfigLoader} from YAML, environment
 * variables and command-line flags; every key is documented in README.md.
 *
 * @param server               listeners, limits, timeouts
 * @param upstreams            the only hosts the proxy ever connects to
 * @param routes               model name to upstream, first match wins
 * @param defaultUpstream      upstream for models no route matches and for non-LLM paths
 * @param streamWindow         the streaming refusal window
 * @param detection            refusal detection
 * @param recovery             recovery strategies and budgets
 * @param authorizationContext structured authorization block defaults (organisation, role, asset_scope,
 *                             engagement_id); request headers x-refusalguard-context-* override per request
 * @param audit                audit log
 * @param policyFile           optional policy YAML (policies module), reloaded when it changes
 * @param shadow               shadow probing of neutral twins (off by default)
 */
public record ProxyConfig(ServerConfig server,
                          List<UpstreamConfig> upstreams,
                          List<RouteConfig> routes,
                          String defaultUpstream,
                          StreamWindowConfig streamWindow,
                          DetectionConfig detection,
                          RecoveryConfig recovery,
                          Map<String, String> authorizationContext,
                          AuditConfig audit,
                          String policyFile,
                          ShadowConfig shadow) {

    public ProxyConfig {
        server = server == null ? ServerConfig.defaults() : server;
        upstreams = upstreams == null ? List.of() : List.copyOf(upstreams);
        routes = routes == null ? List.of() : List.copyOf(routes);
        streamWindow = streamWindow == null ? StreamWindowConfig.defaults() : streamWindow;
        detection = detection == null ? DetectionConfig.defaults() : detection;
        recovery = recovery == null ? RecoveryConfig.defaults() : recovery;
        authorizationContext = authorizationContext == null ? Map.of() : Map.copyOf(authorizationContext);
        audit = audit == null ? AuditConfig.defaults() : audit;
        shadow = shadow == null ? ShadowConfig.defaults() : shadow;

        if (upstreams.isEmpty()) {
            throw new InvalidConfigException("upstreams", "at least one upstream is required (or --upstream URL)");
        }
        Set<String> names = new HashSet<>();
        for (UpstreamConfig u : upstreams) {
            if (!names.add(u.name())) {
                throw new InvalidConfigException("upstreams[" + u.name() + "].name", "is defined twice");
            }
        }
        if (defaultUpstream == null || defaultUpstream.isBlank()) {
            defaultUpstream = upstreams.get(0).name();
        }
        if (!names.contains(defaultUpstream)) {
            throw new InvalidConfigException("defaultUpstream", "names no configured upstream: " + defaultUpstream);
        }
        for (RouteConfig r : routes) {
            if (!names.contains(r.upstream())) {
                throw new InvalidConfigException("routes[" + r.model() + "].upstream",
                        "names no configured upstream: " + r.upstream());
            }
        }
        for (Map.Entry<String, List<String>> e : recovery.reroute().entrySet()) {
            if (e.getValue() == null || e.getValue().isEmpty()) {
                throw new InvalidConfigException("recovery.reroute[" + e.getKey() + "]", "is empty");
            }
        }
        requireKeysAcrossFormats(upstreams, routes, defaultUpstream, recovery.reroute(), "recovery.reroute");
        for (String key : authorizationContext.keySet()) {
            if (!Set.of("organisation", "role", "asset_scope", "engagement_id").contains(key)) {
                throw new InvalidConfigException("authorizationContext." + key,
                        "unknown field (organisation, role, asset_scope, engagement_id)");
            }
        }
    }

    /**
     * Fails naming {@code upstreams[i].apiKeyEnv} when a reroute fallback is routed to an upstream of another format
     * than the one serving the refused model, and that upstream has no {@code apiKeyEnv}: such a reroute is
     * translated, a translated request never carries the agent's own key, so every one of them would get a 401.
     * (A model that matches no route goes to the default upstream as sent, so only routed fallbacks cross formats.)
     *
     * @param reroute per refused model, its fallbacks
     * @param source  where the reroute table comes from, for the message (e.g. {@code recovery.reroute})
     */
    public void requireKeysAcrossFormats(Map<String, List<String>> reroute, String source) {
        requireKeysAcrossFormats(upstreams, routes, defaultUpstream, reroute, source);
    }

    private static void requireKeysAcrossFormats(List<UpstreamConfig> upstreams, List<RouteConfig> routes,
                                                 String defaultUpstream, Map<String, List<String>> reroute,
                                                 String source) {
        for (Map.Entry<String, List<String>> e : new java.util.TreeMap<>(reroute).entrySet()) {
            UpstreamConfig from = serving(upstreams, routes, defaultUpstream, e.getKey());
            for (String fallback : e.getValue() == null ? List.<String>of() : e.getValue()) {
                if (routes.stream().noneMatch(r -> r.matches(fallback))) {
                    continue;
                }
                UpstreamConfig to = serving(upstreams, routes, defaultUpstream, fallback);
                if (to.format() != from.format() && (to.apiKeyEnv() == null || to.apiKeyEnv().isBlank())) {
                    throw new InvalidConfigException("upstreams[" + upstreams.indexOf(to) + "].apiKeyEnv",
                            "required because upstream " + to.name() + " (" + to.format().wireName()
                                    + ") is reached across formats by " + source + "." + e.getKey() + " -> "
                                    + fallback + " (a translated request never carries the agent's own key)");
                }
            }
        }
    }

    private static UpstreamConfig serving(List<UpstreamConfig> upstreams, List<RouteConfig> routes,
                                          String defaultUpstream, String model) {
        String name = routes.stream().filter(r -> r.matches(model)).findFirst().map(RouteConfig::upstream)
                .orElse(defaultUpstream);
        return upstreams.stream().filter(u -> u.name().equals(name)).findFirst().orElseThrow();
    }

    /** One upstream for every model: the {@code --upstream URL} simple case. */
    public static ProxyConfig singleUpstream(String baseUrl, ApiFormat format) {
        return new ProxyConfig(null, List.of(new UpstreamConfig("default", baseUrl, format, null, null)), null,
                "default", null, null, null, null, null, null, null);
    }

    public UpstreamConfig upstream(String name) {
        // Plain loops here and below: every request asks, and the lists are a handful of entries.
        for (UpstreamConfig u : upstreams) {
            if (u.name().equals(name)) {
                return u;
            }
        }
        throw new IllegalArgumentException("no upstream " + name);
    }

    /** The upstream serving a model: first matching route, else the default upstream. */
    public UpstreamConfig upstreamForModel(String model) {
        for (RouteConfig r : routes) {
            if (r.matches(model)) {
                return upstream(r.upstream());
            }
        }
        return upstream(defaultUpstream);
    }

    public ProxyConfig withServer(ServerConfig newServer) {
        return new ProxyConfig(newServer, upstreams, routes, defaultUpstream, streamWindow, detection, recovery,
                authorizationContext, audit, policyFile, shadow);
    }

    public ProxyConfig withRecovery(RecoveryConfig newRecovery) {
        return new ProxyConfig(server, upstreams, routes, defaultUpstream, streamWindow, detection, newRecovery,
                authorizationContext, audit, policyFile, shadow);
    }

    public ProxyConfig withStreamWindow(StreamWindowConfig newWindow) {
        return new ProxyConfig(server, upstreams, routes, defaultUpstream, newWindow, detection, recovery,
                authorizationContext, audit, policyFile, shadow);
    }

    public ProxyConfig withShadow(ShadowConfig newShadow) {
        return new ProxyConfig(server, upstreams, routes, defaultUpstream, streamWindow, detection, recovery,
                authorizationContext, audit, policyFile, newShadow);
    }

    public ProxyConfig withAudit(AuditConfig newAudit) {
        return new ProxyConfig(server, upstreams, routes, defaultUpstream, streamWindow, detection, recovery,
                authorizationContext, newAudit, policyFile, shadow);
    }
}
