package dev.refusalguard.proxy.api;

import java.util.Locale;

/** The LLM APIs the proxy inspects; the lower-case name is the {@code api} metric tag. */
public enum Api {
    OPENAI_CHAT("/v1/chat/completions"),
    OPENAI_RESPONSES("/v1/responses"),
    ANTHROPIC_MESSAGES("/v1/messages");

    private final String path;

    Api(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The inspected API served at a request path (query ignored), or null for a plain forwarded path. */
    public static Api forPath(String path) {
        for (Api api : values()) {
            if (api.path.equals(path)) {
                return api;
            }
        }
        return null;
    }

    /** The API whose error shape a failing request to this path should get. */
    public static Api errorShapeForPath(String path) {
        return path != null && path.startsWith("/v1/messages") ? ANTHROPIC_MESSAGES : OPENAI_CHAT;
    }
}
