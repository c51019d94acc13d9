package dev.refusalguard.proxy.exchange;

import dev.refusalguard.proxy.api.Api;
import dev.refusalguard.proxy.config.ProxyConfig;
import dev.refusalguard.proxy.translate.Translation;
import dev.refusalguard.proxy.translate.Translations;

/**
 * Whether an attempt for a model needs its request translated. A model that a route sends to an upstream of
 * another format is translated into that upstream's format; a model that only reached the default upstream (no
 * route matched) is forwarded as the agent sent it, because the default upstream serves every path unchanged
 * (the {@code --upstream URL} case, OpenAI-compatible gateways that also serve /v1/messages).
 */
final class RouteTranslation {

    private RouteTranslation() {
    }

    static boolean routed(ProxyConfig config, String model) {
        for (var r : config.routes()) {
            if (r.matches(model)) {
                return true;
            }
        }
        return false;
    }

    /** The translation for an attempt asking {@code model}, or null when the request goes out as it is. */
    static Translation forModel(ProxyConfig config, Api agent, String model) {
        return routed(config, model) ? Translations.between(agent, config.upstreamForModel(model).format()) : null;
    }

    /** The upstream serving {@code model} can answer the agent's API, directly or translated. */
    static boolean canServe(ProxyConfig config, Api agent, String model) {
        return !routed(config, model) || Translations.canServe(agent, config.upstreamForModel(model).format());
    }
}
