package dev.refusalguard.proxy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refusalguard.proxy.demo.CalibrationTargets;
import dev.refusalguard.proxy.demo.DemoRequest;
import dev.refusalguard.proxy.demo.DemoRequests;
import dev.refusalguard.proxy.demo.DemoUpstream;
import dev.refusalguard.proxy.demo.DemoUpstreamConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
        Files.write(prompts, calibrationRequests());
        Path system = dir.resolve("system.txt");
        Files.writeString(system, DemoRequests.AGENT_SYSTEM_PROMPT);
        int code = AuditCommand.run(new String[] {"--prompts", prompts.toString(), "--system-prompt-file",
            system.toString(), "--upstream",
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

    /**
     * The defensive requests the simulator is calibrated on, exactly as its demo agent sends them (some carry a
     * free-text claim, as real analysts' requests do), labelled with the simulator's own category and sensitivity.
     */
    private static List<String> calibrationRequests() {
        List<String> lines = new ArrayList<>();
        for (DemoRequest request : DemoRequests.bundled(CalibrationTargets.defaults())) {
            if (request.prompt().offensive()) {
                continue;
            }
            ObjectNode prompt = JSON.createObjectNode();
            prompt.put("id", request.id());
            prompt.put("prompt", request.userText());
            prompt.put("category", request.prompt().category().wireName());
            prompt.put("sensitive", request.prompt().sensitive());
            prompt.put("auth_claim", request.authorizationClaim());
            lines.add(prompt.toString());
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
    void promptsCarryingAFreeTextClaimAreRefusedAtTheStudysRates() {
        JsonNode comparison = report.get("prompt_claim_vs_none");
        assertWithin(comparison.get("exposed"), 0.218);
        assertWithin(comparison.get("baseline"), 0.116);
        assertThat(comparison.get("ratio").asDouble()).isGreaterThan(1.0);
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
