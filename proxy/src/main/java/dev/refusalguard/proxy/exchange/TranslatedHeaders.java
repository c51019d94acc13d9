package dev.refusalguard.proxy.exchange;

import dev.refusalguard.proxy.config.ApiFormat;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * Request headers for an upstream that speaks another format than the agent: the agent's credentials are for its
 * own provider and are never sent to another one (the upstream's {@code apiKeyEnv} supplies the key), and the
 * provider's version headers are set or removed.
 */
final class TranslatedHeaders {

    /** Sent to Anthropic when the agent (speaking OpenAI) sent no version. */
    static final String ANTHROPIC_VERSION = "2023-06-01";

    private TranslatedHeaders() {
    }

    static HttpHeaders forUpstream(HttpHeaders agentHeaders, ApiFormat upstream) {
        HttpHeaders out = agentHeaders.copy();
        out.remove(HttpHeaderNames.AUTHORIZATION);
        out.remove("x-api-key");
        if (upstream == ApiFormat.ANTHROPIC) {
            if (!out.contains("anthropic-version")) {
                out.set("anthropic-version", ANTHROPIC_VERSION);
            }
        } else {
            out.remove("anthropic-version");
            out.remove("anthropic-beta");
        }
        return out;
    }
}
