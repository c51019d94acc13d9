package dev.refusalguard.proxy.auditlog;

import dev.refusalguard.proxy.RefusalGuardProxy;
import dev.refusalguard.policies.StrategyKind;
import dev.refusalguard.proxy.config.AuditConfig;
import dev.refusalguard.proxy.config.RecoveryConfig;
import dev.refusalguard.proxy.testing.OpenAiReplies;
import dev.refusalguard.proxy.testing.ProxyHarness;
import dev.refusalguard.proxy.testing.ScriptedUpstream;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Full;
import dev.refusalguard.proxy.testing.StreamFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The audit log of a running proxy: prompts and keys never in it by default, and no record lost uncounted. */
class AuditLogTest {

    private static final String PROMPT = "Summarise these firewall logs for our SOC report, case 4711.";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    private void send(RefusalGuardProxy proxy, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(proxy.baseUrl()
                            + "/v1/chat/completions")).header("content-type", "application/json")
                    .header("authorization", "Bearer sk-audit-secret-key").header("x-api-key", "sk-ant-audit-secret")
                    .POST(HttpRequest.BodyPublishers.ofString(StreamFormat.CHAT.body(PROMPT + " " + i, false)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        }
    }

    private String scrape(RefusalGuardProxy proxy) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(proxy.adminUrl() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void recordsCarryARedactedPromptAndNeverTheAgentsKeys() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> Full.json(OpenAiReplies.completion("Two scans.")));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier(),
                     c -> c.withAudit(new AuditConfig(file.toString(), null, true)))) {
            send(proxy, 2);
            long end = System.nanoTime() + 5_000_000_000L;
            while ((!Files.exists(file) || Files.readAllLines(file).size() < 2) && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            String log = Files.readString(file);
            assertThat(log.lines()).hasSize(2).allSatisfy(line -> assertThat(line)
                    .contains("\"prompt_hmac\":").contains("\"prompt_chars\":"));
            assertThat(log).doesNotContain("firewall", "sk-audit-secret-key", "sk-ant-audit-secret");
            assertThat(scrape(proxy)).contains("refusalguard_audit_dropped_total 0.0");
        }
    }

    @Test
    void aRefusalThatStandsAfterARerouteNamesTheModelThatRefusedAsFinalModel() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> Full.json(OpenAiReplies.completion(
                r.body().contains("gpt-fallback") ? "I'm sorry, but I can't assist with that."
                        : "I'm sorry, but I can't help with that request.")));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier(),
                     c -> c.withAudit(new AuditConfig(file.toString(), true, true)).withRecovery(new RecoveryConfig(
                             null, null, null, null, List.of(StrategyKind.REROUTE),
                             Map.of("gpt-test", List.of("gpt-fallback")), null, false)))) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(proxy.baseUrl()
                            + "/v1/chat/completions")).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-test\",\"messages\":[{\"role\":"
                            + "\"user\",\"content\":\"" + PROMPT + "\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
            // Both models refused: the agent gets the first refusal, gpt-test's, byte for byte.
            assertThat(r.headers().firstValue("x-refusalguard-action")).hasValue("refused");
            assertThat(r.headers().firstValue("x-refusalguard-strategy")).hasValue("reroute");
            assertThat(r.body()).contains("help with that request");
            assertThat(upstream.received()).hasSize(2);
            long end = System.nanoTime() + 5_000_000_000L;
            while ((!Files.exists(file) || Files.readAllLines(file).isEmpty()) && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            String line = Files.readAllLines(file).get(0);
            assertThat(line).contains("\"outcome\":\"refused\"").contains("\"strategies\":[\"reroute\"]")
                    .contains("\"model\":\"gpt-test\"").contains("\"final_model\":\"gpt-test\"");
        }
    }

    @Test
    void anAgentsHugeModelNameIsCutSoOneRequestCannotWriteMegabytesIntoTheLog() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        String model = "m".repeat(100_000);
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> Full.json(OpenAiReplies.completion("Two scans.")));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier(),
                     c -> c.withAudit(new AuditConfig(file.toString(), null, true)))) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(proxy.baseUrl()
                            + "/v1/chat/completions")).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"messages\":[{\"role\":"
                            + "\"user\",\"content\":\"" + PROMPT + "\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            long end = System.nanoTime() + 5_000_000_000L;
            while ((!Files.exists(file) || Files.readAllLines(file).isEmpty()) && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            String line = Files.readAllLines(file).get(0);
            assertThat(line.length()).isLessThan(4_000);
            assertThat(line).contains("\"model\":\"mmmm").contains("100000 chars");
        }
    }

    @Test
    void aFailingAuditFileCountsEveryRecordItLosesWhileTheProxyKeepsServing() throws Exception {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full), "needs /dev/full (a file whose every write fails)");
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> Full.json(OpenAiReplies.completion("Two scans.")));
             RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier(),
                     c -> c.withAudit(new AuditConfig(full.toString(), null, true)))) {
            send(proxy, 3);
            long end = System.nanoTime() + 5_000_000_000L;
            while (!scrape(proxy).contains("refusalguard_audit_dropped_total 3.0") && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertThat(scrape(proxy)).contains("refusalguard_audit_dropped_total 3.0");
            send(proxy, 1);
            end = System.nanoTime() + 5_000_000_000L;
            while (!scrape(proxy).contains("refusalguard_audit_dropped_total 4.0") && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertThat(scrape(proxy)).contains("refusalguard_audit_dropped_total 4.0");
        }
    }
}
