package dev.refusalguard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of the proxy's config.yaml that a deployment must agree with: ports, drain timeout, key variables.
 * Only read here; the proxy owns the format and its validation.
 */
record ProxyConfigView(String listenHost, int listenPort, String adminHost, int adminPort, Duration drainTimeout,
                       List<String> apiKeyEnvs, String policyFile, JsonNode tree) {

    static ProxyConfigView parse(String configYaml) {
        JsonNode tree;
        try {
            tree = Manifests.YAML.readTree(configYaml);
        } catch (IOException e) {
            throw new UncheckedIOException("config.yaml is not YAML", e);
        }
        JsonNode server = tree.path("server");
        String[] listen = hostPort(server, "listen");
        String[] admin = hostPort(server, "admin");
        List<String> keys = new ArrayList<>();
        tree.path("upstreams").forEach(u -> {
            if (u.hasNonNull("apiKeyEnv")) {
                keys.add(u.get("apiKeyEnv").asText());
            }
        });
        return new ProxyConfigView(listen[0], Integer.parseInt(listen[1]), admin[0], Integer.parseInt(admin[1]),
                duration(server.path("drainTimeout").asText()), List.copyOf(keys),
                tree.path("policyFile").asText(), tree);
    }

    private static String[] hostPort(JsonNode server, String key) {
        String value = server.path(key).asText();
        int colon = value.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("server." + key + " must be HOST:PORT, was '" + value + "'");
        }
        return new String[] {value.substring(0, colon), value.substring(colon + 1)};
    }

    /** Durations as the proxy's config writes them: 250ms, 30s, 2m, 1h. */
    static Duration duration(String text) {
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        long amount = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException("server.drainTimeout: unknown unit in '" + text + "'");
        };
    }
}
