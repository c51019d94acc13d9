package dev.refusalguard.proxy.metrics;

import java.util.List;

/**
 * The one place every meter the proxy exports is declared: name (Prometheus base name, without the
 * {@code _total}/{@code _seconds} suffix the registry adds), type, unit, description and the fixed tag keys.
 * docs/metrics.md is checked against this enum by a test; code looks meters up only through it.
 *
 * <p>Tag values are bounded: {@code model} is a configured model name or {@code other}; {@code category} comes
 * from {@code TaskCategory}; {@code signal}, {@code class}, {@code strategy}, {@code outcome}, {@code api} come from
 * fixed enums; {@code sensitive}, {@code auth_claim}, {@code stream} are {@code true}/{@code false}.
 */
public enum MeterCatalogue {

    REQUESTS("refusalguard_requests", Type.COUNTER, "",
            "LLM requests from agents whose first upstream answer got a verdict (one per agent request, whatever the"
                    + " number of upstream attempts): the denominator of refusal rates. Requests that ended before"
                    + " any verdict (client_closed, or an upstream failure) count only in refusalguard_outcomes.",
            List.of("api", "model", "category", "sensitive", "auth_claim", "stream")),

    REFUSALS("refusalguard_refusals", Type.COUNTER, "",
            "Agent requests whose first upstream answer was a refusal, by the signal that detected it and the"
                    + " refusal class. Divided by refusalguard_requests this is the refusal rate the agent would see"
                    + " without the proxy.",
            List.of("api", "model", "category", "sensitive", "auth_claim", "signal", "class")),

    RECOVERY_ATTEMPTS("refusalguard_recovery_attempts", Type.COUNTER, "",
            "Recovery attempts after a refusal, by strategy and attempt result (recovered, refused, error: an HTTP"
                    + " error, connection failure or timeout, after which the next strategy is tried; client_closed:"
                    + " the agent disconnected before the attempt's result).",
            List.of("model", "category", "strategy", "result")),

    RECOVERIES("refusalguard_recoveries", Type.COUNTER, "",
            "Agent requests whose refusal was recovered, by the strategy of the attempt whose answer the agent"
                    + " got. Equals refusalguard_outcomes{outcome=recovered}, with the strategy.",
            List.of("api", "model", "category", "sensitive", "strategy")),

    OUTCOMES("refusalguard_outcomes", Type.COUNTER, "",
            "Final outcome of each agent request: served (first answer was fine), recovered, refused (refusal"
                    + " stood: not defensive, budget exhausted or every strategy refused or failed),"
                    + " blocked_by_intent (refusal of an offensive or ambiguous request, never retried), error (a proxy"
                    + " or upstream failure), client_closed (the agent disconnected before its answer was complete).",
            List.of("api", "model", "category", "sensitive", "outcome")),

    LATE_REFUSALS("refusalguard_late_refusals", Type.COUNTER, "",
            "Streamed answers released to the agent and found to be refusals afterwards (recorded, not replaced).",
            List.of("api", "model", "signal")),

    SHADOW_PROBES("refusalguard_shadow_probes", Type.COUNTER, "",
            "Shadow-probe pairs: a sampled defensive request with sensitive wording and its neutral-rephrased twin"
                    + " sent in the background; original/twin say whether each was refused (McNemar in /bias).",
            List.of("model", "category", "original", "twin")),

    CLASSIFIER_TIME("refusalguard_classifier", Type.TIMER, "seconds",
            "Time of one refusal-classifier inference (full text or stream prefix), on the inference executor.",
            List.of("mode")),

    PROXY_ADDED_TIME("refusalguard_proxy_added", Type.TIMER, "seconds",
            "Time an agent request spent in the proxy itself, excluding time waiting on upstreams.",
            List.of("api", "stream")),

    UPSTREAM_TIME("refusalguard_upstream", Type.TIMER, "seconds",
            "Upstream call time from request written to the end of the response (or abort).",
            List.of("upstream", "status_class")),

    UPSTREAM_ERRORS("refusalguard_upstream_errors", Type.COUNTER, "",
            "Upstream calls that failed, by kind: connect, tls, timeout, reset, protocol, too_large, pool_exhausted.",
            List.of("upstream", "kind")),

    STREAM_WINDOW_CHARS("refusalguard_stream_window_chars", Type.SUMMARY, "chars",
            "Answer characters held in the streaming refusal window when it decided.",
            List.of("api", "decision")),

    ANALYSIS_CACHE_LOOKUPS("refusalguard_analysis_cache_lookups", Type.COUNTER, "",
            "Request-analysis cache lookups (server.analysisCacheChars): hit when an identical request text was"
                    + " analysed before under the same policy (an agent's tool-loop steps), miss otherwise.",
            List.of("result")),

    AUDIT_DROPPED("refusalguard_audit_dropped", Type.COUNTER, "",
            "Audit records not written: the audit queue was full, or writing the audit file failed (the proxy"
                    + " keeps serving; the first failure is printed once on stderr).",
            List.of()),

    INFERENCE_QUEUE("refusalguard_inference_queue", Type.GAUGE, "",
            "Inference tasks waiting for the classifier executor.",
            List.of()),

    ACTIVE_EXCHANGES("refusalguard_active_exchanges", Type.GAUGE, "",
            "Agent requests in flight.",
            List.of()),

    AGENT_CONNECTIONS("refusalguard_agent_connections", Type.GAUGE, "",
            "Agent connections open now, those over server.maxConnections still being answered included.",
            List.of()),

    AGENT_CONNECTIONS_REJECTED("refusalguard_agent_connections_rejected", Type.COUNTER, "",
            "Agent connections accepted while server.maxConnections were open: each one's first request got 503"
                    + " (in its API's error shape, Retry-After: 1) and the connection was closed.",
            List.of());

    /** Meter kinds, mapped to Micrometer types. */
    public enum Type { COUNTER, TIMER, SUMMARY, GAUGE }

    private final String meterName;
    private final Type type;
    private final String baseUnit;
    private final String description;
    private final List<String> tagKeys;

    MeterCatalogue(String meterName, Type type, String baseUnit, String description, List<String> tagKeys) {
        this.meterName = meterName;
        this.type = type;
        this.baseUnit = baseUnit;
        this.description = description;
        this.tagKeys = List.copyOf(tagKeys);
    }

    /** Micrometer meter name (dots are not used: the Prometheus name is this plus the type suffix). */
    public String meterName() {
        return meterName;
    }

    /** The name as it appears in Prometheus exposition (counters get _total, timers _seconds). */
    public String prometheusName() {
        return switch (type) {
            case COUNTER -> meterName + "_total";
            case TIMER -> meterName + "_seconds";
            case SUMMARY, GAUGE -> meterName;
        };
    }

    public Type type() {
        return type;
    }

    public String baseUnit() {
        return baseUnit;
    }

    public String description() {
        return description;
    }

    public List<String> tagKeys() {
        return tagKeys;
    }
}
