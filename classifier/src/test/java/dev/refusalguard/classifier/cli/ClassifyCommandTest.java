package dev.refusalguard.classifier.cli;

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

class ClassifyCommandTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private record Run(int code, List<JsonNode> lines, String err) {
    }

    private static Run run(String input, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ClassifyCommand.run(args, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        List<JsonNode> lines = new ArrayList<>();
        for (String l : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!l.isEmpty()) {
                lines.add(MAPPER.readTree(l));
            }
        }
        return new Run(code, lines, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void eachInputGetsOneOutputLineInOrderWithItsId() throws Exception {
        Run r = run("{\"id\": 1, \"text\": \"I'm sorry, but I can't help with that.\"}\n"
                + "{\"id\": \"b\", \"text\": \"Isolate the host, then image memory with WinPmem.\"}\n");
        assertThat(r.code()).isZero();
        assertThat(r.lines()).hasSize(2);
        assertThat(r.lines().get(0).get("id").asInt()).isEqualTo(1);
        assertThat(r.lines().get(0).get("refusal").asBoolean()).isTrue();
        assertThat(r.lines().get(0).get("label").asText()).isIn("hard_refusal", "soft_refusal");
        assertThat(r.lines().get(1).get("id").asText()).isEqualTo("b");
        assertThat(r.lines().get(1).get("refusal").asBoolean()).isFalse();
        assertThat(r.lines().get(1).get("score").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void emptyAnswerIsAHardRefusalAndLabelAlwaysAgreesWithRefusal() throws Exception {
        Run r = run("{\"id\": 1, \"text\": \"\"}\n{\"id\": 2, \"text\": \"  \\n \"}\n{\"id\": 3, \"text\": \"ok\"}\n");
        assertThat(r.code()).isZero();
        for (int i = 0; i < 2; i++) {
            assertThat(r.lines().get(i).get("label").asText()).isEqualTo("hard_refusal");
            assertThat(r.lines().get(i).get("refusal").asBoolean()).isTrue();
            assertThat(r.lines().get(i).get("score").asDouble()).isEqualTo(1.0);
        }
        JsonNode ok = r.lines().get(2);
        assertThat(ok.get("refusal").asBoolean()).isEqualTo(ok.get("label").asText().matches("hard_refusal|soft_refusal"));
    }

    @Test
    void malformedLinesAreAnsweredInPlaceAndProcessingContinues() throws Exception {
        Run r = run("{\"id\": 1, \"text\": \"Sure, here it is.\"}\n"
                + "not json\n"
                + "{\"id\": 3}\n"
                + "{\"id\": 4, \"text\": 42}\n"
                + "[1,2]\n"
                + "{\"id\": 6, \"text\": \"I won't do that.\"}\n");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.lines()).hasSize(6);
        assertThat(r.lines().get(0).get("id").asInt()).isEqualTo(1);
        for (int i = 1; i <= 4; i++) {
            assertThat(r.lines().get(i).get("line").asInt()).isEqualTo(i + 1);
            assertThat(r.lines().get(i).get("error").asText()).isNotBlank();
        }
        assertThat(r.lines().get(5).get("id").asInt()).isEqualTo(6);
        assertThat(r.err()).contains("line 2").contains("line 3").contains("line 4").contains("line 5");
    }

    @Test
    void blankLinesAreSkippedButCountedInLineNumbers() throws Exception {
        Run r = run("\n{\"id\": 1, \"text\": \"ok\"}\n\n{bad\n");
        assertThat(r.lines()).hasSize(2);
        assertThat(r.lines().get(1).get("line").asInt()).isEqualTo(4);
    }

    @Test
    void parallelBatchesKeepInputOrderAcrossManyLines() throws Exception {
        StringBuilder in = new StringBuilder();
        int n = 3 * ClassifyCommand.BATCH + 17;
        for (int i = 1; i <= n; i++) {
            in.append(i % 7 == 0 ? "{broken" : "{\"id\": " + i + ", \"text\": \"answer number " + i + "\"}").append('\n');
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (var classifier = dev.refusalguard.classifier.OnnxRefusalClassifier.loadDefault()) {
            int code = ClassifyCommand.classifyStream(classifier, new ByteArrayInputStream(in.toString().getBytes(StandardCharsets.UTF_8)),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), 3);
            assertThat(code).isEqualTo(1);
        }
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(n);
        for (int i = 1; i <= n; i++) {
            JsonNode node = MAPPER.readTree(lines[i - 1]);
            if (i % 7 == 0) {
                assertThat(node.get("line").asInt()).isEqualTo(i);
            } else {
                assertThat(node.get("id").asInt()).isEqualTo(i);
            }
        }
    }

    @Test
    void unknownArgumentIsAUsageError() throws Exception {
        assertThat(run("", "--bogus", "x").code()).isEqualTo(2);
    }
}
