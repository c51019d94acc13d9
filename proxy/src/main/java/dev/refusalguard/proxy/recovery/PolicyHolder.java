package dev.refusalguard.proxy.recovery;

import dev.refusalguard.policies.AdaptiveSelector;
import dev.refusalguard.policies.AuthorizationContext;
import dev.refusalguard.policies.PolicyConfig;
import dev.refusalguard.policies.RecoveryBudget;
import dev.refusalguard.policies.SelectionMode;
import dev.refusalguard.policies.StrategySelector;
import dev.refusalguard.policies.SuccessCountsFile;
import dev.refusalguard.proxy.config.InvalidConfigException;
import dev.refusalguard.proxy.config.ProxyConfig;
import dev.refusalguard.proxy.config.RecoveryConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The current recovery policy. Built from the proxy config's {@code recovery} and {@code authorizationContext}
 * keys, or, when {@code policyFile} is set, from that file (policies module format, docs/policies.md), which is
 * reloaded when it changes: a valid new file replaces the policy for requests that start afterwards, an invalid
 * one is rejected and logged and the old policy stays. Learned strategy statistics and the recovery memory
 * survive reloads.
 */
public final class PolicyHolder implements Supplier<RequestPolicy>, AutoCloseable {

    private final ProxyConfig proxyConfig;
    private final AtomicReference<PolicyState> current = new AtomicReference<>();
    private final StrategySelector learnedAdaptive;
    private final SuccessCountsFile countsFile;

    private PolicyHolder(ProxyConfig proxyConfig, PolicyConfig initial) {
        this.proxyConfig = proxyConfig;
        AdaptiveSelector adaptive = new AdaptiveSelector(initial.selection().explorationFloor(),
                initial.selection().seed());
        this.learnedAdaptive = adaptive;
        Path counts = initial.selection().countsFile();
        this.countsFile = counts == null ? null
                : new SuccessCountsFile(counts, adaptive, initial.selection().saveInterval());
        current.set(build(initial, null));
    }

    /** The policy from the proxy config (and its policy file when set); throws naming the bad key. */
    public static PolicyHolder create(ProxyConfig config) {
        return new PolicyHolder(config, initialConfig(config));
    }

    private static PolicyConfig initialConfig(ProxyConfig config) {
        if (config.policyFile() != null && !config.policyFile().isBlank()) {
            try {
                return PolicyConfig.load(Path.of(config.policyFile()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("policyFile " + config.policyFile() + ": " + e.getMessage(), e);
            }
        }
        return fromInline(config);
    }

    /** The proxy config's inline recovery keys as a policy (defaults of the shipped policy for the rest). */
    static PolicyConfig fromInline(ProxyConfig config) {
        PolicyConfig defaults = PolicyConfig.loadDefault();
        RecoveryConfig r = config.recovery();
        Map<String, String> a = config.authorizationContext();
        AuthorizationContext auth = a.get("organisation") != null && a.get("role") != null
                ? new AuthorizationContext(a.get("organisation"), a.get("role"), a.get("asset_scope"),
                a.get("engagement_id"))
                : null;
        PolicyConfig.SelectionSettings s = defaults.selection();
        return new PolicyConfig(
                new PolicyConfig.IntentGateSettings(r.retryAmbiguous(), defaults.intentGate().thresholds()),
                new PolicyConfig.SelectionSettings(r.selection().equals("adaptive") ? SelectionMode.ADAPTIVE
                        : SelectionMode.CHAIN, r.strategies(), s.explorationFloor(), s.seed(), s.countsFile(),
                        s.saveInterval()),
                new RecoveryBudget(Math.max(1, r.maxAttempts() - 1), r.maxAddedTime()),
                new PolicyConfig.MemorySettings(r.memory(), defaults.memory().maxEntries(), defaults.memory().ttl()),
                null, auth, r.reroute(), defaults.audit());
    }

    private PolicyState build(PolicyConfig config, PolicyState previous) {
        if (proxyConfig.policyFile() != null && !proxyConfig.policyFile().isBlank()) {
            // The policy file's reroute table replaces recovery.reroute: the same key rule applies to it.
            try {
                proxyConfig.requireKeysAcrossFormats(config.reroute(), "reroute");
            } catch (InvalidConfigException e) {
                throw new InvalidConfigException(e.key(), e.getMessage().substring(e.key().length() + 2)
                        + "; that reroute table is in policyFile " + proxyConfig.policyFile());
            }
        }
        StrategySelector selector = config.selection().mode() == SelectionMode.ADAPTIVE ? learnedAdaptive
                : config.createSelector();
        var memory = previous != null && previous.memory() != null && config.memory().enabled()
                ? previous.memory() : config.createMemory();
        int maxAttempts;
        if (!proxyConfig.recovery().enabled()) {
            maxAttempts = 1;
        } else if (proxyConfig.policyFile() != null && !proxyConfig.policyFile().isBlank()) {
            maxAttempts = 1 + config.budget().maxAttempts();
        } else {
            maxAttempts = proxyConfig.recovery().maxAttempts();
        }
        return new PolicyState(config, selector, memory, maxAttempts);
    }

    @Override
    public RequestPolicy get() {
        return current.get();
    }

    /**
     * Reloads the policy file. Returns null on success, else the reason (the old policy stays in force).
     */
    public String reload() {
        if (proxyConfig.policyFile() == null || proxyConfig.policyFile().isBlank()) {
            return "no policyFile configured";
        }
        try {
            PolicyConfig next = PolicyConfig.load(Path.of(proxyConfig.policyFile()));
            current.set(build(next, current.get()));
            return null;
        } catch (RuntimeException e) {
            return e.getMessage() == null ? e.toString() : e.getMessage();
        }
    }

    @Override
    public void close() {
        if (countsFile != null) {
            try {
                countsFile.close();
            } catch (IOException e) {
                System.err.println("refusalguard: could not save strategy counts: " + e.getMessage());
            }
        }
    }
}
