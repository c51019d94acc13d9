package dev.refusalguard.proxy.exchange;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refusalguard.policies.StrategyKind;
import dev.refusalguard.proxy.config.UpstreamConfig;

import java.util.List;

/**
 * What one upstream attempt sends.
 *
 * @param body       request JSON (the agent's own tree for the first attempt)
 * @param bytes      exact bytes to send (the agent's original bytes for the first attempt: byte-faithful)
 * @param upstream   where to send them
 * @param model      model asked for
 * @param strategies strategies applied so far, in order (empty for the first attempt)
 * @param userText   last user text as sent
 */
record AttemptPlan(ObjectNode body, byte[] bytes, UpstreamConfig upstream, String model,
                   List<StrategyKind> strategies, String userText) {

    StrategyKind lastStrategy() {
        return strategies.isEmpty() ? null : strategies.get(strategies.size() - 1);
    }
}
