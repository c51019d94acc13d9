package dev.refusalguard.proxy.bias;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refusalguard.policies.StrategyKind;
import dev.refusalguard.policies.TaskCategory;
import dev.refusalguard.proxy.api.Api;
import dev.refusalguard.proxy.detect.RefusalSignal;
import dev.refusalguard.proxy.exchange.Outcome;
import dev.refusalguard.proxy.metrics.MeterCatalogue;
import dev.refusalguard.proxy.upstream.UpstreamFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** docs/metrics.md must describe exactly the meters MeterCatalogue declares. */
class MetricsDocumentationTest {

    private final String doc = read();

    private static String read() {
        try {
            return Files.readString(RepoFiles.find("docs/metrics.md"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyDeclaredMeterHasItsOwnSectionUnderItsPrometheusName() {
        for (MeterCatalogue meter : MeterCatalogue.values()) {
            assertThat(doc).as(meter.name()).contains("### `" + meter.prometheusName() + "`");
        }
    }

    @Test
    void everyTagKeyIsDocumentedInTheMetersSectionAndInTheTagTable() {
        for (MeterCatalogue meter : MeterCatalogue.values()) {
            String section = sectionOf(meter);
            for (String tag : meter.tagKeys()) {
                assertThat(section).as(meter.name() + " tag " + tag).contains("`" + tag + "`");
                assertThat(doc).as("tag table row for " + tag).contains("| `" + tag + "` |");
            }
            if (meter.tagKeys().isEmpty()) {
                assertThat(section).as(meter.name()).contains("No tags");
            }
        }
    }

    @Test
    void everyValueOfAnEnumTagIsListedInItsTagTableRow() {
        assertTagRowLists("kind", UpstreamFailure.values(), UpstreamFailure::tag);
        assertTagRowLists("signal", RefusalSignal.values(), RefusalSignal::tag);
        assertTagRowLists("outcome", Outcome.values(), Outcome::tag);
        assertTagRowLists("api", Api.values(), Api::tag);
        assertTagRowLists("strategy", StrategyKind.values(), StrategyKind::wireName);
        assertTagRowLists("category", TaskCategory.values(), TaskCategory::wireName);
    }

    private <E> void assertTagRowLists(String tag, E[] values, Function<E, String> wire) {
        String row = doc.lines().filter(l -> l.startsWith("| `" + tag + "` |")).findFirst().orElseThrow();
        List<String> missing = Arrays.stream(values).map(wire)
                .filter(v -> !row.contains("`" + v + "`")).toList();
        assertThat(missing).as("values of tag " + tag + " missing from its row in docs/metrics.md").isEmpty();
    }

    @Test
    void sectionsNameTheMeterType() {
        for (MeterCatalogue meter : MeterCatalogue.values()) {
            String heading = sectionOf(meter).lines().findFirst().orElseThrow();
            assertThat(heading).as(meter.name()).contains("(" + meter.type().name().toLowerCase() );
        }
    }

    @Test
    void noUndeclaredSeriesNameAppearsInTheDoc() {
        assertThat(DeclaredSeries.undeclared(doc))
                .as("refusalguard_ names in docs/metrics.md not declared in MeterCatalogue").isEmpty();
    }

    @Test
    void docHasTheStudyMeasuresInPromQl() {
        assertThat(doc).contains("refusalguard_refusals_total{sensitive=\"true\"}",
                "refusalguard_requests_total{sensitive=\"false\"}",
                "refusalguard_refusals_total{auth_claim=\"true\"}",
                "sum by (category)", "sum by (model)", "sum by (strategy)");
    }

    private String sectionOf(MeterCatalogue meter) {
        int start = doc.indexOf("### `" + meter.prometheusName() + "`");
        assertThat(start).as("section of " + meter.name()).isNotNegative();
        int end = doc.indexOf("\n#", start + 4);
        return doc.substring(start, end < 0 ? doc.length() : end);
    }
}
