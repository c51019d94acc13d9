package dev.refusalguard.proxy.auditlog;

import dev.refusalguard.proxy.config.AuditConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The audit log's redacted prompt: a keyed digest that a guessed prompt cannot be checked against without the key. */
class PromptDigestTest {

    private static final String PROMPT = "Harden sshd on the jump host for the CCDC team.";
    private static final String KEY = "0123456789abcdef-audit-key";

    @TempDir
    Path dir;

    @Test
    void theSameKeyGivesTheSameDigestAcrossProcessesAndItIsNotThePlainHash() throws Exception {
        String a = PromptDigest.fromEnvironment("K", Map.of("K", KEY)).of(PROMPT);
        String b = PromptDigest.fromEnvironment("K", Map.of("K", KEY)).of(PROMPT);
        assertThat(a).hasSize(16).isEqualTo(b);
        assertThat(PromptDigest.fromEnvironment("K", Map.of("K", KEY + "x")).of(PROMPT)).isNotEqualTo(a);
        String plain = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(PROMPT.getBytes(StandardCharsets.UTF_8)), 0, 8);
        assertThat(a).isNotEqualTo(plain);
        assertThat(PromptDigest.fromEnvironment("K", Map.of("K", KEY)).of(null)).isNull();
    }

    @Test
    void withoutAKeyEachProcessDrawsItsOwnSoDigestsMatchOnlyWithinOneRun() {
        PromptDigest one = PromptDigest.fromEnvironment(null, Map.of());
        PromptDigest other = PromptDigest.fromEnvironment(" ", Map.of());
        assertThat(one.of(PROMPT)).isEqualTo(one.of(PROMPT)).isNotEqualTo(other.of(PROMPT));
    }

    @Test
    void aNamedKeyThatIsMissingOrShortStopsStartUpNamingTheSettingAndNeverTheValue() {
        AuditConfig config = new AuditConfig(dir.resolve("audit.jsonl").toString(), null, null, "AUDIT_PROMPT_KEY");
        assertThatThrownBy(() -> AuditLog.open(config, Map.of()))
                .hasMessageContaining("audit.promptKeyEnv").hasMessageContaining("AUDIT_PROMPT_KEY is not set");
        assertThatThrownBy(() -> AuditLog.open(config, Map.of("AUDIT_PROMPT_KEY", "short-secret")))
                .hasMessageContaining("fewer than 16 characters").hasMessageNotContaining("short-secret");
        try (AuditLog log = AuditLog.open(config, Map.of("AUDIT_PROMPT_KEY", KEY))) {
            assertThat(log.dropped()).isZero();
        }
    }
}
