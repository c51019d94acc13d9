package dev.refusalguard.benchmarks.load;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One thing under load: a name, the chat-completions URL, extra request headers (e.g. a gateway's routing
 * headers), the process id whose CPU time and memory are read (0 = none), and whether every request's user prompt
 * is made unique ({@code prompts=unique}: a case number is appended, so nothing keyed on the request text can be
 * reused; default {@code fixed}: every request is the same, as the steps of an agent's tool loop repeat it).
 *
 * <p>Parsed from {@code name=direct,url=http://127.0.0.1:9000/v1/chat/completions,pid=123,header=K:V,prompts=unique}.
 */
public record Target(String name, URI url, Map<String, String> headers, long pid, boolean uniquePrompts) {

    public Target {
        if (name == null || !name.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("target.name: letters, digits, _ and - only, was " + name);
        }
        if (url == null || !"http".equals(url.getScheme()) || url.getPort() <= 0) {
            throw new IllegalArgumentException("target.url of " + name + ": need http://host:port/path, was " + url);
        }
        if (pid < 0) {
            throw new IllegalArgumentException("target.pid of " + name + ": must be >= 0, was " + pid);
        }
        headers = Map.copyOf(headers);
    }

    public static Target parse(String spec) {
        String name = null;
        URI url = null;
        long pid = 0;
        boolean unique = false;
        Map<String, String> headers = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("target spec: expected key=value, got '" + part + "' in " + spec);
            }
            String key = part.substring(0, eq);
            String value = part.substring(eq + 1);
            switch (key) {
                case "name" -> name = value;
                case "url" -> url = URI.create(value);
                case "pid" -> pid = Long.parseLong(value);
                case "prompts" -> {
                    if (!value.equals("unique") && !value.equals("fixed")) {
                        throw new IllegalArgumentException("target prompts: fixed or unique, got " + value);
                    }
                    unique = value.equals("unique");
                }
                case "header" -> {
                    int colon = value.indexOf(':');
                    if (colon <= 0) {
                        throw new IllegalArgumentException("target header: expected Name:Value, got " + value);
                    }
                    headers.put(value.substring(0, colon), value.substring(colon + 1));
                }
                default -> throw new IllegalArgumentException("target spec: unknown key '" + key + "' in " + spec);
            }
        }
        return new Target(name, url, headers, pid, unique);
    }

    public String host() {
        return url.getHost();
    }

    public int port() {
        return url.getPort();
    }

    public String pathAndQuery() {
        String p = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? p : p + "?" + url.getRawQuery();
    }
}
