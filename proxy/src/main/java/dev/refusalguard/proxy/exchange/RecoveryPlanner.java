package dev.refusalguard.proxy.exchange;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refusalguard.policies.RequestAnalysis;
import dev.refusalguard.policies.StrategyKind;
import dev.refusalguard.proxy.api.ApiAdapter;
import dev.refusalguard.proxy.api.ApiRequestException;
import dev.refusalguard.proxy.api.ParsedRequest;
import dev.refusalguard.proxy.api.RequestJson;
import dev.refusalguard.proxy.config.ProxyConfig;
import dev.refusalguard.proxy.config.UpstreamConfig;
import dev.refusalguard.proxy.recovery.RequestPolicy;
import dev.refusalguard.proxy.translate.Translation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the next attempt after a refusal: asks the policy's selector (fixed chain or adaptive) for a strategy
 * among those still available, skips strategies that turn out not to apply (nothing to rephrase, no authorization
 * fields, no fallback model), and applies each on top of the previous attempt, so later attempts combine
 * strategies. One per exchange, one event loop.
 */
final class RecoveryPlanner {

    private final ProxyConfig config;
    private final ApiAdapter adapter;
    private final RequestPolicy policy;
    private final Map<String, String> authorizationFields;
    private final String modelTag;
    private final Set<StrategyKind> available = EnumSet.allOf(StrategyKind.class);
    private final Set<StrategyKind> tried = EnumSet.noneOf(StrategyKind.class);
    private int nextFallback;

    RecoveryPlanner(ProxyConfig config, ApiAdapter adapter, RequestPolicy policy,
                    Map<String, String> authorizationFields, String modelTag) {
        this.config = config;
        this.adapter = adapter;
        this.policy = policy;
        this.authorizationFields = authorizationFields;
        this.modelTag = modelTag;
    }

    /** The next attempt, or null when no strategy applies any more. */
    AttemptPlan next(AttemptPlan previous, String originalModel, RequestAnalysis analysis) {
        while (true) {
            Optional<StrategyKind> pick = policy.selector().next(modelTag, analysis.category(), available, tried);
            if (pick.isEmpty()) {
                return null;
            }
            StrategyKind kind = pick.get();
            AttemptPlan plan = apply(kind, previous, originalModel, analysis);
            if (plan == null) {
                available.remove(kind);
                continue;
            }
            if (kind != StrategyKind.REROUTE || nextFallback >= policy.reroute(originalModel).size()) {
                tried.add(kind);
            }
            return plan;
        }
    }

    /** A specific strategy applied to the first attempt (a remembered recovery), or null if it does not apply. */
    AttemptPlan applyFirst(StrategyKind kind, AttemptPlan original, String originalModel, RequestAnalysis analysis) {
        AttemptPlan plan = apply(kind, original, originalModel, analysis);
        if (plan != null) {
            tried.add(kind);
        }
        return plan;
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
                List<String> fallbacks = policy.reroute(originalModel);
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
        // Plans keep the body in the agent's API; an upstream of another format gets translated bytes.
        Translation translation = RouteTranslation.forModel(config, adapter.api(), model);
        ObjectNode wire = translation == null ? body : translation.request(body);
        return new AttemptPlan(RequestJson.of(body), wire.toString().getBytes(StandardCharsets.UTF_8), upstream, model,
                List.copyOf(strategies), userText, translation);
    }
}
