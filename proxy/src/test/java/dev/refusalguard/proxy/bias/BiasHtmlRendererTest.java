package dev.refusalguard.proxy.bias;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class BiasHtmlRendererTest {

    private final String html = BiasHtmlRenderer.render(ReportFixtures.studyLikeTracker()
            .snapshot(ReportFixtures.START.plusSeconds(20)));

    @Test
    void pageIsSelfContainedWithoutScriptsOrExternalAssets() {
        assertThat(html).startsWith("<!DOCTYPE html>");
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContain("src=").doesNotContain("href=")
                .doesNotContain("url(").doesNotContain("@import");
        assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://", "https://");
    }

    @Test
    void pageHasTheChartsWithIntervalWhiskers() {
        assertThat(html).contains("Refusal rate per category", "Sensitive vs neutral wording",
                "Free-text authorization claim vs none", "Refusal rate per model", "Recovery rate per strategy");
        assertThat(countOf(html, "<svg")).isGreaterThanOrEqualTo(10); // five charts per period
        assertThat(html).contains("stroke-width=\"1.2\""); // whiskers
        assertThat(html).contains("30.5%", "system_hardening");
    }

    @Test
    void modelNamesAreEscaped() {
        assertThat(html).contains("model-&lt;a&gt;").doesNotContain("model-<a>");
    }

    @Test
    void emptyTrackerStillRendersAPage() {
        BiasTracker empty = new BiasTracker(new BiasTrackerConfig(Duration.ofMinutes(5), List.of()),
                Clock.fixed(ReportFixtures.START, ZoneOffset.UTC));
        String page = BiasHtmlRenderer.render(empty.snapshot());
        assertThat(page).contains("</html>", "no data");
    }

    private static int countOf(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }
}
