package dev.refusalguard.proxy.config;

import dev.refusalguard.proxy.recovery.PolicyHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Start-up validation: every bad configuration stops start-up with one message naming the key. */
class ConfigValidationTest {

    @TempDir
    Path dir;

    private ProxyConfig load(String yaml) throws IOException {
        return load(yaml, Map.of());
    }

    private ProxyConfig load(String yaml, Map<String, String> env) throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file, env, Map.of());
    }

    private static final String TWO_FORMATS = """
            upstreams:
              - name: openai
                baseUrl: https://api.openai.com
                format: openai
                apiKeyEnv: OPENAI_API_KEY
              - name: anthropic
                baseUrl: https://api.anthropic.com
                format: anthropic
            routes:
              - {model: "claude-*", upstream: anthropic}
            """;

    @Test
    void aRerouteAcrossFormatsToAnUpstreamWithoutApiKeyEnvIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> load(TWO_FORMATS + """
                recovery:
                  reroute:
                    gpt-4o: [gpt-4o-mini, claude-sonnet-4-5]
                """))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("upstreams[1].apiKeyEnv: required because upstream anthropic (anthropic) is"
                        + " reached across formats by recovery.reroute.gpt-4o -> claude-sonnet-4-5");
    }

    @Test
    void crossFormatUpstreamsWithKeysAndSameFormatReroutesWithoutKeysAreAccepted() throws IOException {
        ProxyConfig withKey = load(TWO_FORMATS.replace("format: anthropic\n",
                "format: anthropic\n    apiKeyEnv: ANTHROPIC_API_KEY\n") + """
                recovery:
                  reroute:
                    gpt-4o: [claude-sonnet-4-5]
                """);
        assertThat(withKey.upstream("anthropic").apiKeyEnv()).isEqualTo("ANTHROPIC_API_KEY");
        // Same format: the agent's own key is the right one, no apiKeyEnv needed.
        ProxyConfig sameFormat = load(TWO_FORMATS + """
                recovery:
                  reroute:
                    claude-opus-4: [claude-sonnet-4-5]
                    gpt-4o: [gpt-4o-mini]
                """);
        assertThat(sameFormat.recovery().reroute()).hasSize(2);
        // Routes alone are accepted: an Anthropic agent may bring its own key for claude-* models.
        assertThat(load(TWO_FORMATS).routes()).hasSize(1);
    }

    @Test
    void aPolicyFileRerouteAcrossFormatsToAnUpstreamWithoutApiKeyEnvIsRejectedAtStartUp() throws IOException {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, """
                reroute:
                  gpt-4o: [claude-sonnet-4-5]
                """);
        ProxyConfig config = load(TWO_FORMATS + "policyFile: " + policy + "\n");
        assertThatThrownBy(() -> PolicyHolder.create(config))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("upstreams[1].apiKeyEnv: required because upstream anthropic")
                .hasMessageContaining("reroute.gpt-4o -> claude-sonnet-4-5")
                .hasMessageContaining("policyFile " + policy);
    }

    @Test
    void aMisspeltRefusalGuardEnvironmentVariableIsRejectedWithASuggestion() {
        assertThatThrownBy(() -> load(TWO_FORMATS, Map.of("REFUSALGUARD_RECOVERY_MAXATEMPTS", "2")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("REFUSALGUARD_RECOVERY_MAXATEMPTS: unknown environment variable")
                .hasMessageContaining("did you mean REFUSALGUARD_RECOVERY_MAXATTEMPTS?");
    }

    @Test
    void documentedVariablesTheLauncherOptionsAndKeyVariablesWithThePrefixAreAccepted() throws IOException {
        ProxyConfig config = load(TWO_FORMATS.replace("apiKeyEnv: OPENAI_API_KEY", "apiKeyEnv: REFUSALGUARD_OPENAI_KEY"),
                Map.of("REFUSALGUARD_SERVER_LISTEN", "0.0.0.0:8080",
                        "REFUSALGUARD_SERVER_ADMIN", "0.0.0.0:9090",
                        "REFUSALGUARD_SERVER_DRAINTIMEOUT", "45s",
                        "REFUSALGUARD_SERVER_IDLETIMEOUT", "90s",
                        "REFUSALGUARD_RECOVERY_MAXATTEMPTS", "2",
                        "REFUSALGUARD_RECOVERY_STRATEGIES", "rephrase,reroute",
                        "REFUSALGUARD_STREAMWINDOW_MAXCHARS", "256",
                        "REFUSALGUARD_JAVA_OPTS", "-Xmx256m",
                        "REFUSALGUARD_OPENAI_KEY", "sk-test",
                        "OTHER_VARIABLE", "x"));
        assertThat(config.server().listen()).isEqualTo("0.0.0.0:8080");
        assertThat(config.recovery().maxAttempts()).isEqualTo(2);
        assertThat(config.streamWindow().maxChars()).isEqualTo(256);
    }

    @Test
    void aFractionOrAnOutOfRangeNumberForAnIntegerKeyIsRejectedNotTruncated() {
        for (String value : new String[] {"1.5", "-0.5", "1023.9"}) {
            assertThatThrownBy(() -> load("server:\n  analysisCacheChars: " + value + "\n" + TWO_FORMATS))
                    .isInstanceOf(InvalidConfigException.class)
                    .hasMessage("server.analysisCacheChars: must be an integer, got '" + value + "'");
        }
        assertThatThrownBy(() -> load("server:\n  maxRequestBytes: 5000000000\n" + TWO_FORMATS))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("server.maxRequestBytes: must be an integer (at most 2147483647), got '5000000000'");
    }

    @Test
    void theAnalysisCacheBoundIsValidatedAndZeroTurnsTheCacheOff() throws IOException {
        assertThatThrownBy(() -> load("server:\n  analysisCacheChars: -1\n" + TWO_FORMATS))
                .isInstanceOf(InvalidConfigException.class).hasMessageStartingWith("server.analysisCacheChars:");
        assertThat(load("server:\n  analysisCacheChars: 0\n" + TWO_FORMATS).server().analysisCacheChars()).isZero();
        assertThat(load(TWO_FORMATS).server().analysisCacheChars()).isEqualTo(4 * 1024 * 1024);
    }

    @Test
    void theRequestReadDeadlineAndHalfCloseSettingsAreReadAndValidated() throws IOException {
        ProxyConfig config = load(TWO_FORMATS + "server:\n  requestReadTimeout: 15s\n  answerHalfClosed: false\n");
        assertThat(config.server().requestReadTimeout()).isEqualTo(java.time.Duration.ofSeconds(15));
        assertThat(config.server().answerHalfClosed()).isFalse();
        ProxyConfig fromEnv = load(TWO_FORMATS, Map.of("REFUSALGUARD_SERVER_REQUESTREADTIMEOUT", "250ms"));
        assertThat(fromEnv.server().requestReadTimeout()).isEqualTo(java.time.Duration.ofMillis(250));
        assertThat(fromEnv.server().answerHalfClosed()).isTrue();
        assertThatThrownBy(() -> load(TWO_FORMATS + "server:\n  requestReadTimeout: 0s\n"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("server.requestReadTimeout: must be a positive duration");
        assertThatThrownBy(() -> load(TWO_FORMATS + "server:\n  answerHalfClosed: maybe\n"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("server.answerHalfClosed");
    }

    @Test
    void credentialsInAnUpstreamBaseUrlAreRejectedWithoutBeingEchoed() {
        for (String url : new String[] {"https://user:s3cret-pw@api.openai.com", "http://s3cret-token@127.0.0.1:8000/v1"}) {
            assertThatThrownBy(() -> load("upstreams:\n  - {name: openai, baseUrl: \"" + url + "\"}\n"))
                    .isInstanceOf(InvalidConfigException.class)
                    .hasMessageStartingWith("upstreams[openai].baseUrl: must not carry user:password@ credentials")
                    .message().doesNotContain("s3cret");
        }
    }

    @Test
    void theTransportIsAutoByDefaultReadFromYamlOrEnvironmentAndAnUnknownOneIsRejected() throws IOException {
        assertThat(load(TWO_FORMATS).server().transport()).isEqualTo("auto");
        assertThat(load(TWO_FORMATS + "server:\n  transport: nio\n").server().transport()).isEqualTo("nio");
        assertThat(load(TWO_FORMATS, Map.of("REFUSALGUARD_SERVER_TRANSPORT", "EPOLL")).server().transport())
                .isEqualTo("epoll");
        assertThatThrownBy(() -> load(TWO_FORMATS + "server:\n  transport: io_uring\n"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("server.transport: must be auto, epoll or nio, got io_uring");
    }
}
