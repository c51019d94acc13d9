package dev.refusalguard.proxy.admin;

import dev.refusalguard.proxy.RefusalGuardProxy;
import dev.refusalguard.proxy.config.ShadowConfig;
import dev.refusalguard.proxy.testing.ProxyHarness;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Counters that may stay silent for long are scraped at 0 from start-up for their known tag values, so PromQL sees
 * 0 rather than no data, and their number of series stays bounded by the configuration.
 */
class QuietSeriesTest {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private String scrape(RefusalGuardProxy proxy) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(proxy.adminUrl() + "/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static long series(String scrape, String name) {
        return scrape.lines().filter(l -> l.startsWith(name + "{")).count();
    }

    @Test
    void lateRefusalSeriesExistAtZeroFromStartUpAndShadowSeriesOnlyWhenProbing() throws Exception {
        try (RefusalGuardProxy proxy = ProxyHarness.start("http://127.0.0.1:9", ProxyHarness.classifier())) {
            String scrape = scrape(proxy);
            assertThat(scrape).contains("refusalguard_late_refusals_total{api=\"openai_chat\",model=\"other\","
                    + "signal=\"classifier\"} 0.0");
            // 3 APIs x 1 model tag (other) x 6 signals
            assertThat(series(scrape, "refusalguard_late_refusals_total")).isEqualTo(18);
            assertThat(series(scrape, "refusalguard_shadow_probes_total")).isZero();
        }
        try (RefusalGuardProxy proxy = ProxyHarness.start("http://127.0.0.1:9", ProxyHarness.classifier(),
                c -> c.withShadow(new ShadowConfig(true, 0.05, 2)))) {
            String scrape = scrape(proxy);
            assertThat(scrape).contains("refusalguard_shadow_probes_total{category=\"malware_analysis\","
                    + "model=\"other\",original=\"refused\",twin=\"complied\"} 0.0");
            // 1 model tag x 9 categories x 2 x 2
            assertThat(series(scrape, "refusalguard_shadow_probes_total")).isEqualTo(36);
        }
    }
}
