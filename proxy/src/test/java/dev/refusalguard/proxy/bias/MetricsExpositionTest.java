package dev.refusalguard.proxy.bias;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refusalguard.policies.TaskCategory;
import dev.refusalguard.proxy.metrics.MeterCatalogue;
import dev.refusalguard.proxy.metrics.ProxyMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What Prometheus actually scrapes matches docs/metrics.md and the rules: every meter of the catalogue appears
 * under the name documented there, no undeclared refusalguard_ name appears, and model tags stay bounded.
 */
class MetricsExpositionTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ProxyMetrics metrics = new ProxyMetrics(registry, List.of("gpt-a", "claude-b"));

    private void exerciseEveryMeter() {
        metrics.request("openai_chat", "gpt-a", "malware_analysis", true, false, false);
        metrics.refusal("openai_chat", "gpt-a", "malware_analysis", true, false, "classifier", "hard_refusal");
        metrics.recoveryAttempt("gpt-a", "malware_analysis", "rephrase", "recovered");
        metrics.recovery("openai_chat", "gpt-a", "malware_analysis", true, "rephrase");
        metrics.outcome("openai_chat", "gpt-a", "malware_analysis", true, "recovered");
        metrics.lateRefusal("openai_chat", "gpt-a", "classifier");
        metrics.shadowPair("gpt-a", "malware_analysis", true, false);
        metrics.classifierTime("full", 120_000);
        metrics.proxyAddedTime("openai_chat", false, 900_000);
        metrics.upstreamTime("primary", 200, 250_000_000);
        metrics.upstreamError("primary", "timeout");
        metrics.streamWindow("openai_chat", "not_refusal", 96);
        metrics.analysisCacheLookup(true);
        metrics.counterOf(MeterCatalogue.AUDIT_DROPPED, () -> 0);
        metrics.gauge(MeterCatalogue.INFERENCE_QUEUE, () -> 0);
        metrics.gauge(MeterCatalogue.ACTIVE_EXCHANGES, () -> 1);
        metrics.gauge(MeterCatalogue.AGENT_CONNECTIONS, () -> 2);
        metrics.counterOf(MeterCatalogue.AGENT_CONNECTIONS_REJECTED, () -> 0);
    }

    @Test
    void everyCatalogueMeterIsScrapedUnderItsDocumentedName() {
        exerciseEveryMeter();
        String scrape = registry.scrape();
        for (MeterCatalogue meter : MeterCatalogue.values()) {
            String sample = switch (meter.type()) {
                case COUNTER, GAUGE -> meter.prometheusName();
                case TIMER, SUMMARY -> meter.prometheusName() + "_count";
            };
            assertThat(scrape).as(meter.name()).containsPattern("(?m)^" + sample + "[{ ]");
        }
    }

    @Test
    void scrapeHoldsNoUndeclaredSeriesName() {
        exerciseEveryMeter();
        assertThat(DeclaredSeries.undeclared(registry.scrape())).isEmpty();
    }

    @Test
    void unconfiguredModelsCollapseIntoOtherSoTheModelTagStaysBounded() {
        for (int i = 0; i < 500; i++) {
            metrics.request("openai_chat", "model-" + i, TaskCategory.values()[i % 9].wireName(), i % 2 == 0, false,
                    false);
        }
        metrics.request("openai_chat", "gpt-a", "other", false, false, false);
        Set<String> models = new TreeSet<>();
        registry.find(MeterCatalogue.REQUESTS.meterName()).counters()
                .forEach(counter -> models.add(counter.getId().getTag("model")));
        assertThat(models).containsExactlyInAnyOrder("gpt-a", "other");
        // 9 categories x 2 sensitive values for "other", plus one series for gpt-a
        assertThat(registry.find(MeterCatalogue.REQUESTS.meterName()).counters()).hasSizeLessThanOrEqualTo(19);
    }
}
