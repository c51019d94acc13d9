package dev.refusalguard.proxy.config;

import java.util.Locale;

/** Wire format an upstream speaks. */
public enum ApiFormat {
    /** OpenAI (Chat Completions and Responses) and OpenAI-compatible servers (vLLM, Ollama, LiteLLM). */
    OPENAI,
    /** Anthropic Messages. */
    ANTHROPIC;

    public static ApiFormat fromWireName(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
