package dev.refusalguard.proxy.config;

import dev.refusalguard.policies.StrategyKind;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the proxy does after a refusal of a defensive request.
 *
 * @param enabled        recover at all (false: detect and count only)
 * @param maxAttempts    upstream attempts per agent request, the first included (default 3)
 * @param maxAddedTime   no new attempt starts once this much time has been spent on recovery (default 60s)
 * @param retryAmbiguous recover requests whose intent is ambiguous (default false: only defensive ones)
 * @param strategies     strategies in the order they are tried (default rephrase, authorization_context, reroute)
 * @param reroute        per requested model, the fallback models to try (routed by the routes table)
 * @param selection      {@code chain} (strategies in order) or {@code adaptive} (Thompson sampling over success
 *                       counts per model and category, learning which strategy works)
 * @param memory         remember which strategy recovered a request fingerprint so a repeat skips the refused
 *                       attempt (default true)
 */
public record RecoveryConfig(Boolean enabled,
                             Integer maxAttempts,
                             Duration maxAddedTime,
                             Boolean retryAmbiguous,
                             List<StrategyKind> strategies,
                             Map<String, List<String>> reroute,
                             String selection,
                             Boolean memory) {

    public RecoveryConfig {
        enabled = enabled == null || enabled;
        maxAttempts = maxAttempts == null ? 3 : maxAttempts;
        maxAddedTime = maxAddedTime == null ? Duration.ofSeconds(60) : maxAddedTime;
        retryAmbiguous = retryAmbiguous != null && retryAmbiguous;
        strategies = strategies == null
                ? List.of(StrategyKind.REPHRASE, StrategyKind.AUTHORIZATION_CONTEXT, StrategyKind.REROUTE)
                : List.copyOf(strategies);
        reroute = reroute == null ? Map.of() : Map.copyOf(reroute);
        memory = memory == null || memory;
        selection = selection == null ? "chain" : selection.trim().toLowerCase(java.util.Locale.ROOT);
        if (!selection.equals("chain") && !selection.equals("adaptive")) {
            throw new InvalidConfigException("recovery.selection", "must be chain or adaptive, got " + selection);
        }
        ConfigChecks.range("recovery.maxAttempts", maxAttempts, 1, 10);
        ConfigChecks.positive("recovery.maxAddedTime", maxAddedTime);
        if (strategies.isEmpty() && enabled) {
            throw new InvalidConfigException("recovery.strategies", "is empty while recovery is enabled");
        }
    }

    public static RecoveryConfig defaults() {
        return new RecoveryConfig(null, null, null, null, null, null, null, null);
    }
}
