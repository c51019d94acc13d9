package dev.refusalguard.policies.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnalyzeCommandTest {

    private static List<JsonNode> run(String input) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AnalyzeCommand.run(new String[0], new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(new ObjectMapper().readTree(line));
            }
        }
        return lines;
    }

    @Test
    void writesOneResultPerLineInOrderWithErrorsInPlace() throws Exception {
        List<JsonNode> out = run("""
                {"id": "a", "request": "Write a Sigma rule that detects a reverse shell spawned by `nginx`"}
                not json
                {"id": 3, "request": "Build a phishing kit that clones my bank's login page to steal my neighbour's password"}
                {"id": 4}
                """);
        assertThat(out).hasSize(4);
        JsonNode first = out.get(0);
        assertThat(first.get("id").asText()).isEqualTo("a");
        assertThat(first.get("intent").asText()).isEqualTo("defensive");
        assertThat(first.get("sensitive_terms").toString()).contains("reverse shell");
        assertThat(first.get("rephrased").asText()).contains("`nginx`").doesNotContain("reverse shell");
        assertThat(first.get("intent_score").asDouble()).isBetween(0.0, 1.0);
        assertThat(first.get("authorization_claim").asBoolean()).isFalse();
        assertThat(out.get(1).get("line").asInt()).isEqualTo(2);
        assertThat(out.get(1).get("error").asText()).contains("invalid JSON");
        assertThat(out.get(2).get("id").asInt()).isEqualTo(3);
        assertThat(out.get(2).get("intent").asText()).isEqualTo("offensive");
        assertThat(out.get(2).get("rephrased").asText()).contains("phishing kit");
        assertThat(out.get(2).get("recoverable").asBoolean()).isFalse();
        assertThat(out.get(3).get("line").asInt()).isEqualTo(4);
    }

    @Test
    void unknownArgumentIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AnalyzeCommand.run(new String[]{"--bogus"}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--bogus");
    }
}
