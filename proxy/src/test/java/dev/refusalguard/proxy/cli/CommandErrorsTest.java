package dev.refusalguard.proxy.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Command-line mistakes get one line naming the flag, key, address or file, and a hint to --help. */
class CommandErrorsTest {

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Result serveWithConfig(String yaml) throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, yaml);
        return run("serve", "--config", file.toString());
    }

    private static final String UPSTREAM = """
            upstreams:
              - name: openai
                baseUrl: http://127.0.0.1:9
            """;

    @Test
    void anUnknownFormatFlagIsNamedWithoutTheUsageText() {
        Result r = run("serve", "--upstream", "http://127.0.0.1:9", "--format", "gemini");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("refusalguard serve: --format: must be openai or anthropic, got 'gemini'\n")
                .contains("--help").doesNotContain("usage:");
        assertThat(r.err().lines().count()).isEqualTo(2);
    }

    @Test
    void anUnknownEnumValueInTheConfigListsTheAllowedValues() throws Exception {
        Result r = serveWithConfig(UPSTREAM + "recovery:\n  strategies: [rephrase, reword]\n");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("refusalguard serve: recovery.strategies[1]: unknown value 'reword'"
                + " (allowed: rephrase, authorization_context, reroute)\n")
                .doesNotContain("No enum constant", "dev.refusalguard", "usage:");
        Result format = serveWithConfig(UPSTREAM.replace("baseUrl", "format: gemini\n    baseUrl"));
        assertThat(format.err()).contains("upstreams[0].format: unknown value 'gemini' (allowed: openai, anthropic)");
    }

    @Test
    void aValueOfTheWrongTypeSaysWhatTheKeyExpects() throws Exception {
        Result r = serveWithConfig(UPSTREAM + "recovery:\n  maxAttempts: three\n");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("refusalguard serve: recovery.maxAttempts: must be an integer, got 'three'\n")
                .doesNotContain("Cannot deserialize", "java.lang", "usage:");
        Result bool = serveWithConfig(UPSTREAM + "recovery:\n  enabled: perhaps\n");
        assertThat(bool.err()).contains("recovery.enabled: must be true or false, got 'perhaps'");
        Result list = serveWithConfig(UPSTREAM + "recovery:\n  maxAttempts: [1, 2]\n");
        assertThat(list.err()).contains("recovery.maxAttempts: must be an integer").doesNotContain("java.lang");
    }

    @Test
    void anAddressInUseIsNamedWithItsKey() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + taken.getLocalPort();
            Result r = run("serve", "--upstream", "http://127.0.0.1:9", "--listen", address, "--admin",
                    "127.0.0.1:0");
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).contains("cannot listen on " + address + " (server.listen): ")
                    .containsIgnoringCase("in use");
            Result admin = run("serve", "--upstream", "http://127.0.0.1:9", "--listen", "127.0.0.1:0", "--admin",
                    address);
            assertThat(admin.code()).isEqualTo(1);
            assertThat(admin.err()).contains("cannot listen on " + address + " (server.admin): ");
        }
    }

    @Test
    void evalOfAMissingFileSaysTheFileDoesNotExist() {
        Path missing = dir.resolve("nope.jsonl");
        Result r = run("eval", "--input", missing.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("eval: --input " + missing + ": the file does not exist\n");
    }
}
