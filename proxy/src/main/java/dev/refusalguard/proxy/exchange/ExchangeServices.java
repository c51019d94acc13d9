package dev.refusalguard.proxy.exchange;

import dev.refusalguard.proxy.auditlog.AuditLog;
import dev.refusalguard.proxy.config.ProxyConfig;
import dev.refusalguard.proxy.detect.InferenceExecutor;
import dev.refusalguard.proxy.detect.RefusalDetector;
import dev.refusalguard.proxy.metrics.ProxyMetrics;
import dev.refusalguard.proxy.recovery.AnalysisCache;
import dev.refusalguard.proxy.recovery.RequestPolicy;
import dev.refusalguard.proxy.upstream.UpstreamClient;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What every exchange shares: built once at start-up, immutable, thread-safe parts only.
 *
 * @param policy           the current recovery policy (each exchange takes one snapshot)
 * @param shadow           shadow prober, or null when shadow probing is off
 * @param exchangeListener told about every finished LLM exchange (the /bias tracker); never blocks
 * @param analysisCache    request analyses of identical request texts, per policy snapshot
 */
public record ExchangeServices(ProxyConfig config,
                               UpstreamClient upstreams,
                               RefusalDetector detector,
                               Supplier<RequestPolicy> policy,
                               InferenceExecutor inference,
                               ProxyMetrics metrics,
                               AuditLog audit,
                               Consumer<ExchangeSummary> exchangeListener,
                               ShadowProber shadow,
                               AnalysisCache analysisCache) {
}
