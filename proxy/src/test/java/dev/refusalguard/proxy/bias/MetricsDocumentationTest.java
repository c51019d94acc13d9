package dev.refusalguard.proxy.bias;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refusalguard.proxy.metrics.MeterCatalogue;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/metrics.md must describe exactly the meters MeterCatalogue declares. */
class MetricsDocumentationTest {

    /** A series name: not preceded by a name character or ':' (recording rules are named refusalguard:...). */
    private static final Pattern SERIES_NAME = Pattern.compile("(?<![A-Za-z0-9_:])refusalguard_[a-z0-9_]+");

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
    void sectionsNameTheMeterType() {
        for (MeterCatalogue meter : MeterCatalogue.values()) {
            String heading = sectionOf(meter).lines().findFirst().orElseThrow();
            assertThat(heading).as(meter.name()).contains("(" + meter.type().name().toLowerCase() );
        }
    }

    @Test
    void noUndeclaredSeriesNameAppearsInTheDoc() {
        Set<String> allowed = new HashSet<>();
        for (MeterCatalogue meter : MeterCatalogue.values()) {
            allowed.add(meter.meterName());
            allowed.add(meter.prometheusName());
            if (meter.type() == MeterCatalogue.Type.TIMER || meter.type() == MeterCatalogue.Type.SUMMARY) {
                for (String suffix : new String[] {"_count", "_sum", "_max", "_bucket"}) {
                    allowed.add(meter.prometheusName() + suffix);
                }
            }
        }
        Set<String> unknown = new TreeSet<>();
        Matcher matcher = SERIES_NAME.matcher(doc);
        while (matcher.find()) {
            if (!allowed.contains(matcher.group())) {
                unknown.add(matcher.group());
            }
        }
        assertThat(unknown).as("refusalguard_ names in docs/metrics.md not declared in MeterCatalogue").isEmpty();
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
