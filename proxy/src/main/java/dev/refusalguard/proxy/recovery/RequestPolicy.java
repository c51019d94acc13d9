package dev.refusalguard.proxy.recovery;

import dev.refusalguard.policies.RecoveryMemory;
import dev.refusalguard.policies.RequestAnalysis;
import dev.refusalguard.policies.StrategySelector;
import dev.refusalguard.policies.TaskCategory;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One immutable snapshot of the recovery policy, as the proxy uses it: request analysis, the intent gate, the
 * text side of the strategies, selection, memory and budgets. An exchange takes a snapshot when it starts, so a
 * policy reload never changes a request in flight. Thread-safe; analysis may take up to about a millisecond (it
 * runs on the inference executor).
 */
public interface RequestPolicy {

    /** Category, sensitive terms, authorization claim and intent of a request. */
    RequestAnalysis analyze(String systemText, String lastUserText);

    /**
     * Whether {@link #analyze} reads {@code systemText} (the shipped analysis reads the last user message only).
     * Caches of analyses key on the system text only when it does.
     */
    boolean analysisReadsSystemText();

    /**
     * This snapshot's number, unique in the process: caches of analyses key on it instead of holding the snapshot,
     * so a replaced policy can be collected while its cached analyses age out.
     */
    long generation();

    /** The request text with sensitive wording rephrased, evidence untouched; the same text when nothing changes. */
    String rephrase(String text, TaskCategory category);

    /**
     * A structured authorization block (organisation, role, asset scope, engagement id) for system context from
     * the configured defaults overridden field by field by {@code requestFields}, or null when organisation or role
     * is unknown.
     */
    String authorizationBlock(Map<String, String> requestFields);

    /** Whether a refused request with this analysis may be recovered (the intent gate). */
    boolean mayRecover(RequestAnalysis analysis);

    /** Picks the next strategy and learns from outcomes (shared across reloads). */
    StrategySelector selector();

    /** Remembers which strategy recovered a request fingerprint, or null when disabled. */
    RecoveryMemory memory();

    /** Upstream attempts allowed per agent request, the first included. */
    int maxAttempts();

    /** No new attempt starts once recovery has taken this long. */
    Duration maxAddedTime();

    /** Fallback models for a requested model, in order. */
    List<String> reroute(String model);
}
