package dev.refusalguard.proxy.exchange;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refusalguard.policies.RequestAnalysis;
import dev.refusalguard.policies.StrategyKind;
import dev.refusalguard.proxy.api.ApiAdapter;
import dev.refusalguard.proxy.api.ApiRequestException;
import dev.refusalguard.proxy.api.ParsedRequest;
import dev.refusalguard.proxy.config.ProxyConfig;
import dev.refusalguard.proxy.config.UpstreamConfig;
import dev.refusalguard.proxy.recovery.RequestPolicy;
import dev.refusalguard.proxy.translate.Translation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the next attempt after a refusal: walks the configured strategy order, skipping strategies that do not
 * apply (nothing to rephrase, no authorization fields, no fallback model, a fallback whose upstream format cannot
 * serve the agent's API), and applies each on top of the previous attempt, so later attempts combine strategies.
 * Plans keep the body in the agent's API; a fallback on an upstream of another format gets translated bytes.
 * One per exchange, one event loop.
 */
final class RecoveryPlanner {

    private final ProxyConfig config;
    private final ApiAdapter adapter;
    private final RequestPolicy policy;
    private final Map<String, String> authorizationFields;
    private final List<StrategyKind> order;
    private int nextStrategy;
    private int nextFallback;

    RecoveryPlanner(ProxyConfig config, ApiAdapter adapter, RequestPolicy policy,
                    Map<String, String> authorizationFields, List<StrategyKind> order) {
        this.config = config;
        this.adapter = adapter;
        this.policy = policy;
        this.authorizationFields = authorizationFields;
        this.order = order;
    }

    /** The next attempt, or null when no strategy applies any more. */
    AttemptPlan next(AttemptPlan previous, String originalModel, RequestAnalysis analysis) {
        while (nextStrategy < order.size()) {
            StrategyKind kind = order.get(nextStrategy);
            AttemptPlan plan = apply(kind, previous, originalModel, analysis);
            if (kind != StrategyKind.REROUTE || plan == null) {
                nextStrategy++;
            }
            if (plan != null) {
                return plan;
            }
        }
        return null;
    }

    private AttemptPlan apply(StrategyKind kind, AttemptPlan previous, String originalModel,
                              RequestAnalysis analysis) {
        return switch (kind) {
            case REPHRASE -> {
                ObjectNode body = adapter.rewriteLastUserText(previous.body(),
                        text -> policy.rephrase(text, analysis.category()));
                yield body == null || body.equals(previous.body()) ? null
                        : plan(body, previous.upstream(), previous.model(), previous, kind);
            }
            case AUTHORIZATION_CONTEXT -> {
                String block = policy.authorizationBlock(authorizationFields);
                yield block == null ? null
                        : plan(adapter.addSystemContext(previous.body(), block), previous.upstream(),
                        previous.model(), previous, kind);
            }
            case REROUTE -> {
                List<String> fallbacks = config.recovery().reroute().getOrDefault(originalModel, List.of());
                while (nextFallback < fallbacks.size()) {
                    String model = fallbacks.get(nextFallback++);
                    UpstreamConfig upstream = config.upstreamForModel(model);
                    if (RouteTranslation.canServe(config, adapter.api(), model)) {
                        yield plan(adapter.withModel(previous.body(), model), upstream, model, previous, kind);
                    }
                }
                yield null;
            }
        };
    }

    private AttemptPlan plan(ObjectNode body, UpstreamConfig upstream, String model, AttemptPlan previous,
                             StrategyKind kind) {
        List<StrategyKind> strategies = new ArrayList<>(previous.strategies());
        strategies.add(kind);
        String userText;
        try {
            ParsedRequest parsed = adapter.parse(body);
            userText = parsed.lastUserText();
        } catch (ApiRequestException e) {
            userText = previous.userText();
        }
        Translation translation = RouteTranslation.forModel(config, adapter.api(), model);
        ObjectNode wire = translation == null ? body : translation.request(body);
        return new AttemptPlan(body, wire.toString().getBytes(StandardCharsets.UTF_8), upstream, model,
                List.copyOf(strategies), userText, translation);
    }
}
