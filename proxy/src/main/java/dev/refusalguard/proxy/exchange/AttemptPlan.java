package dev.refusalguard.proxy.exchange;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refusalguard.policies.StrategyKind;
import dev.refusalguard.proxy.api.RequestJson;
import dev.refusalguard.proxy.config.UpstreamConfig;
import dev.refusalguard.proxy.translate.Translation;

import java.util.List;

/**
 * What one upstream attempt sends.
 *
 * @param json       request JSON in the agent's API (the agent's own, its tree built on first use, for the first
 *                   attempt)
 * @param bytes      exact bytes to send (the agent's original bytes for an untranslated first attempt:
 *                   byte-faithful; the translated request when the upstream speaks another format)
 * @param upstream   where to send them
 * @param model      model asked for
 * @param strategies strategies applied so far, in order (empty for the first attempt)
 * @param userText   last user text as sent
 * @param translation how the upstream's format serves the agent's API, or null when they match
 */
record AttemptPlan(RequestJson json, byte[] bytes, UpstreamConfig upstream, String model,
                   List<StrategyKind> strategies, String userText,
                   Translation translation) {

    /** The upstream path for this attempt: the agent's own path and query unless translated. */
    String path(String agentPathAndQuery) {
        return translation == null ? agentPathAndQuery : translation.upstreamPath();
    }

    /** The request's tree (built now if this is the agent's own request and nothing needed it before). */
    ObjectNode body() {
        return json.tree();
    }

    StrategyKind lastStrategy() {
        return strategies.isEmpty() ? null : strategies.get(strategies.size() - 1);
    }
}
