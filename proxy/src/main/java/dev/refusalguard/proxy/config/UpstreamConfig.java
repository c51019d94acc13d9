package dev.refusalguard.proxy.config;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * One upstream LLM API. The proxy only ever connects to configured upstreams.
 *
 * @param name      referenced by routes and defaultUpstream; also the {@code upstream} metric tag
 * @param baseUrl   scheme, host, optional port and optional path prefix, e.g. https://api.openai.com
 * @param format    openai or anthropic
 * @param apiKeyEnv optional environment variable holding the provider key; when set, the proxy injects it
 *                  (Authorization: Bearer for openai, x-api-key for anthropic) instead of the agent's own header
 * @param models    model names served here; they become bounded values of the {@code model} metric tag
 */
public record UpstreamConfig(String name, String baseUrl, ApiFormat format, String apiKeyEnv, List<String> models) {

    public UpstreamConfig {
        ConfigChecks.notBlank("upstreams[].name", name);
        String key = "upstreams[" + name + "]";
        ConfigChecks.notBlank(key + ".baseUrl", baseUrl);
        format = format == null ? ApiFormat.OPENAI : format;
        models = models == null ? List.of() : List.copyOf(models);
        URI uri;
        try {
            uri = URI.create(baseUrl.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(key + ".baseUrl", "not a URL: " + baseUrl);
        }
        if (uri.getRawUserInfo() != null) {
            // Not echoed: the value is a credential. The proxy never sends user info, so it would only leak into
            // the start-up banner; provider keys belong in apiKeyEnv.
            throw new InvalidConfigException(key + ".baseUrl",
                    "must not carry user:password@ credentials (they are never sent; use apiKeyEnv for a key)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidConfigException(key + ".baseUrl", "must start with http:// or https://, got " + baseUrl);
        }
        if (uri.getHost() == null) {
            throw new InvalidConfigException(key + ".baseUrl", "has no host: " + baseUrl);
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new InvalidConfigException(key + ".baseUrl", "must not carry a query or fragment");
        }
    }

    /**
     * Base URLs parsed once: every upstream request asks for its host, port and path prefix. Keys are configured
     * base URLs only, so the map stays as small as the configuration.
     */
    private static final java.util.concurrent.ConcurrentMap<String, URI> PARSED =
            new java.util.concurrent.ConcurrentHashMap<>();

    public URI uri() {
        return PARSED.computeIfAbsent(baseUrl, b -> URI.create(b.trim()));
    }

    public boolean tls() {
        return "https".equalsIgnoreCase(uri().getScheme());
    }

    public String host() {
        return uri().getHost();
    }

    public int port() {
        URI u = uri();
        return u.getPort() > 0 ? u.getPort() : (tls() ? 443 : 80);
    }

    /** Path prefix without a trailing slash ("" when none). */
    public String pathPrefix() {
        String p = uri().getRawPath();
        if (p == null || p.equals("/")) {
            return "";
        }
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /** Host header value for requests to this upstream. */
    public String hostHeader() {
        URI u = uri();
        boolean defaultPort = u.getPort() < 0 || (tls() && u.getPort() == 443) || (!tls() && u.getPort() == 80);
        return defaultPort ? u.getHost() : u.getHost() + ":" + u.getPort();
    }
}
