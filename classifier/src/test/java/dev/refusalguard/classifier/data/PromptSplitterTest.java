package dev.refusalguard.classifier.data;

import dev.refusalguard.classifier.RefusalClass;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PromptSplitterTest {

    @Test
    void committedDataNeverHasOnePromptOnTwoSides() throws IOException {
        Map<String, String> sideOf = new HashMap<>();
        for (String split : List.of("train", "validation", "test")) {
            for (LabeledText row : LabeledTextJsonl.read(Path.of("data", split + ".jsonl"))) {
                assertThat(row.split()).isEqualTo(split);
                String prev = sideOf.putIfAbsent(row.promptId(), split);
                assertThat(prev == null || prev.equals(split)).as("prompt %s on %s and %s", row.promptId(), prev, split).isTrue();
            }
        }
    }

    @Test
    void splitDependsOnlyOnThePromptId() {
        assertThat(PromptSplitter.splitOf("p1234")).isEqualTo(PromptSplitter.splitOf("p1234"));
        List<LabeledText> rows = PromptSplitter.split(List.of(
                new LabeledText("a", RefusalClass.COMPLIANCE, "s", "same", null),
                new LabeledText("b", RefusalClass.HARD_REFUSAL, "s", "same", null)));
        assertThat(rows.get(0).split()).isEqualTo(rows.get(1).split());
    }

    @Test
    void writtenCasesAreDeterministicAndMarkedWithTheirSource() {
        List<LabeledText> a = new WrittenCases(1).generate();
        List<LabeledText> b = new WrittenCases(1).generate();
        assertThat(a).isEqualTo(b);
        assertThat(a).allSatisfy(r -> assertThat(r.source()).isEqualTo(DatasetCurator.WRITTEN_SOURCE));
        assertThat(a).extracting(LabeledText::label).contains(RefusalClass.values());
    }

    @Test
    void duplicatesAreDroppedAndConflictingTextsRemoved() {
        List<LabeledText> out = DatasetCurator.deduplicate(List.of(
                new LabeledText("Same  text", RefusalClass.COMPLIANCE, "s", "p1", null),
                new LabeledText("same text", RefusalClass.COMPLIANCE, "s", "p2", null),
                new LabeledText("clash", RefusalClass.COMPLIANCE, "s", "p3", null),
                new LabeledText("Clash", RefusalClass.HARD_REFUSAL, "s", "p4", null)));
        assertThat(out).extracting(LabeledText::promptId).containsExactly("p1");
    }
}
