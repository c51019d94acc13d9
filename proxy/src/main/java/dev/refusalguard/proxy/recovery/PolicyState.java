package dev.refusalguard.proxy.recovery;

import dev.refusalguard.policies.AuthorizationContext;
import dev.refusalguard.policies.IntentGate;
import dev.refusalguard.policies.PolicyConfig;
import dev.refusalguard.policies.RecoveryMemory;
import dev.refusalguard.policies.Rephraser;
import dev.refusalguard.policies.RequestAnalysis;
import dev.refusalguard.policies.RequestAnalyzer;
import dev.refusalguard.policies.StrategySelector;
import dev.refusalguard.policies.TaskCategory;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** An immutable {@link RequestPolicy} built from a {@link PolicyConfig}. */
final class PolicyState implements RequestPolicy {

    private final PolicyConfig config;
    private final RequestAnalyzer analyzer;
    private final Rephraser rephraser;
    private final IntentGate gate;
    private final StrategySelector selector;
    private final RecoveryMemory memory;
    private final int maxAttempts;
    private final long generation = GENERATIONS.incrementAndGet();

    private static final java.util.concurrent.atomic.AtomicLong GENERATIONS = new java.util.concurrent.atomic.AtomicLong();

    PolicyState(PolicyConfig config, StrategySelector selector, RecoveryMemory memory, int maxAttempts) {
        this.maxAttempts = maxAttempts;
        this.config = config;
        this.analyzer = config.createAnalyzer();
        this.rephraser = analyzer.rephraser();
        this.gate = config.createGate();
        this.selector = selector;
        this.memory = memory;
    }

    PolicyConfig config() {
        return config;
    }

    @Override
    public RequestAnalysis analyze(String systemText, String lastUserText) {
        return analyzer.analyze(lastUserText);
    }

    @Override
    public boolean analysisReadsSystemText() {
        return false;
    }

    @Override
    public long generation() {
        return generation;
    }

    @Override
    public String rephrase(String text, TaskCategory category) {
        return rephraser.rephrase(text, category).text();
    }

    @Override
    public String authorizationBlock(Map<String, String> requestFields) {
        try {
            AuthorizationContext context = AuthorizationContext.fromHeaders(
                    name -> requestFields.get(name.substring(AuthorizationContext.HEADER_PREFIX.length())
                            .replace('-', '_')),
                    config.authorizationContext());
            return context == null ? null : context.renderSystemBlock();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public boolean mayRecover(RequestAnalysis analysis) {
        return gate.mayRecover(analysis);
    }

    @Override
    public StrategySelector selector() {
        return selector;
    }

    @Override
    public RecoveryMemory memory() {
        return memory;
    }

    @Override
    public int maxAttempts() {
        return maxAttempts;
    }

    @Override
    public Duration maxAddedTime() {
        return config.budget().maxAddedTime();
    }

    @Override
    public List<String> reroute(String model) {
        return config.rerouteChain(model);
    }
}
