package dev.refusalguard.proxy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refusalguard.proxy.demo.DemoUpstream;
import dev.refusalguard.proxy.demo.DemoUpstreamConfig;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit, over real loopback HTTP, against the demo upstream (a simulated safety-tuned model calibrated to the
 * study's figures) with the real ONNX refusal classifier: it must recover the calibration it was given.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditAgainstDemoUpstreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoUpstream upstream;
    private JsonNode report;
    private String html;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    void auditTheDemoUpstream(@TempDir Path dir) throws IOException {
        upstream = DemoUpstream.start(DemoUpstreamConfig.defaults());
        Path prompts = dir.resolve("prompts.jsonl");
        Files.write(prompts, defensiveDemoPrompts());
        int code = AuditCommand.run(new String[] {"--prompts", prompts.toString(), "--upstream",
            upstream.baseUri().toString(), "--model", DemoUpstreamConfig.DEFAULT_MODEL, "--out",
            dir.resolve("out").toString(), "--concurrency", "4"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                DefaultClassifier::load, Clock.systemUTC());
        assertThat(code).as(err.toString()).isZero();
        System.out.println(out.toString(StandardCharsets.UTF_8)); // the measured figures, in the surefire output file
        String progress = err.toString(StandardCharsets.UTF_8);
        System.out.println(progress.substring(progress.lastIndexOf("audit: ", progress.length() - 2)));
        report = JSON.readTree(dir.resolve("out/report.json").toFile());
        html = Files.readString(dir.resolve("out/report.html"));
    }

    @AfterAll
    void stop() {
        if (upstream != null) {
            upstream.close();
        }
    }

    /** The bundled demo requests the simulator is calibrated on (defensive ones), with their labels. */
    private static List<String> defensiveDemoPrompts() throws IOException {
        List<String> lines = new ArrayList<>();
        try (InputStream in = DemoUpstream.class.getResourceAsStream("/dev/refusalguard/proxy/demo/prompts.jsonl");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode row = JSON.readTree(line);
                if (row.path("offensive").asBoolean()) {
                    continue;
                }
                ObjectNode prompt = JSON.createObjectNode();
                prompt.put("id", row.get("id").asText());
                prompt.put("prompt", row.get("text").asText());
                prompt.put("category", row.get("category").asText());
                prompt.put("sensitive", row.get("sensitive").asBoolean());
                lines.add(prompt.toString());
            }
        }
        return lines;
    }

    @Test
    void sensitiveVsNeutralRatioOfTheStudyIsInsideTheMeasuredInterval() {
        JsonNode comparison = report.get("sensitive_vs_neutral");
        assertThat(comparison.at("/ratio_ci95/0").asDouble()).isLessThanOrEqualTo(0.305 / 0.112);
        assertThat(comparison.at("/ratio_ci95/1").asDouble()).isGreaterThanOrEqualTo(0.305 / 0.112);
        assertThat(comparison.get("p_value").asDouble()).isLessThan(0.01);
        assertWithin(comparison.get("exposed"), 0.305);
        assertWithin(comparison.get("baseline"), 0.112);
    }

    @Test
    void pinnedCategoryRatesAreInsideTheirIntervals() {
        JsonNode categories = report.get("refusal_rate_by_category_and_variant");
        assertWithin(categories.at("/system_hardening/original"), 0.438);
        assertWithin(categories.at("/malware_analysis/original"), 0.343);
        assertWithin(categories.at("/log_analysis/original"), 0.003);
    }

    @Test
    void neutralRephraseAndStructuredBlockLowerRefusalsAndTheFreeTextClaimRaisesThem() {
        assertThat(report.at("/neutral_rephrase_vs_original/paired/variant_refusal_rate/rate").asDouble())
                .isLessThan(report.at("/neutral_rephrase_vs_original/paired/original_refusal_rate/rate").asDouble());
        assertThat(report.at("/free_text_claim_vs_none/unpaired/ratio").asDouble()).isGreaterThan(1.0);
        assertThat(report.at("/structured_authorization_vs_none/unpaired/ratio").asDouble()).isLessThan(1.0);
    }

    @Test
    void everyPromptWasAnsweredAndTheHtmlReportHasTheCharts() {
        assertThat(report.get("missing").asLong()).isZero();
        assertThat(report.get("answers").asLong()).isEqualTo(4L * report.get("prompts").asLong());
        assertThat(html).contains("<svg", "system_hardening", "Sensitive vs neutral wording").doesNotContain("<script");
    }

    private static void assertWithin(JsonNode rate, double target) {
        assertThat(rate.at("/ci95/0").asDouble()).as(rate.toString()).isLessThanOrEqualTo(target);
        assertThat(rate.at("/ci95/1").asDouble()).as(rate.toString()).isGreaterThanOrEqualTo(target);
    }
}
