package dev.refusalguard.classifier.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class EvalAndTrainCommandTest {

    private record Run(int code, String out, String err) {
    }

    private interface Command {
        int run(String[] args, java.io.InputStream in, PrintStream out, PrintStream err);
    }

    private static Run run(Command c, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = c.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void evalReportsConfusionMatrixPerSourcePrefixTableAndBaselineRatio(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("labelled.jsonl");
        Files.writeString(input, String.join("\n",
                "{\"text\": \"I'm sorry, but I can't help with that.\", \"label\": \"hard_refusal\", \"source\": \"a\"}",
                "{\"text\": \"Please consult a qualified security professional about this.\", \"label\": \"soft_refusal\", \"source\": \"a\"}",
                "{\"text\": \"Isolate the host, then take a memory image with WinPmem before any cleanup.\", \"label\": \"compliance\", \"source\": \"b\"}",
                "{\"text\": \"Unfortunately the sample is malicious: it exploits CVE-2023-4966. Patch and hunt for the web shell.\", \"label\": \"compliance\", \"source\": \"b\"}"));
        Run r = run(EvalCommand::run, "--input", input.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("binary refusal F1").contains("phrase-list baseline").contains("ratio")
                .contains("Confusion matrix").contains("| a |").contains("| b |")
                .contains("| 32 |").contains("| 64 |").contains("| 128 |").contains("| 256 |").contains("| full |")
                .contains("compliant with refusal-like words kept");
    }

    @Test
    void evalWithoutInputOrWithBadLabelFails(@TempDir Path dir) throws Exception {
        assertThat(run(EvalCommand::run).code()).isEqualTo(2);
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"text\": \"x\", \"label\": \"maybe\"}\n");
        Run r = run(EvalCommand::run, "--input", bad.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("unknown label");
    }

    @Test
    void trainRejectsBadArgumentsWithUsage() {
        assertThat(run(TrainCommand::run, "--seed", "abc").err()).contains("--seed");
        assertThat(run(TrainCommand::run, "--bogus").code()).isEqualTo(2);
        assertThat(run(TrainCommand::run, "--data").code()).isEqualTo(2);
        assertThat(run(TrainCommand::run, "--help").out()).contains("usage: train");
    }

    @Test
    void trainReportsAMissingDataDirectory(@TempDir Path dir) {
        Run r = run(TrainCommand::run, "--data", dir.resolve("nothing-here").toString(), "--out", dir.resolve("out").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("train:");
    }
}
