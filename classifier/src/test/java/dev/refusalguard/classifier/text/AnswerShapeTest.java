package dev.refusalguard.classifier.text;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerShapeTest {

    @Test
    void shortFlatRefusal() {
        AnswerShape s = AnswerShape.of("I can't help with that.");
        assertThat(s).isEqualTo(new AnswerShape(4, 0, 0, false));
    }

    @Test
    void structuredAnswerWithListAndCode() {
        String text = "Here is the fix.\n\n1. Stop the service\n2. Patch it\n- check the logs\n\n```bash\nsystemctl restart nginx\n```\n";
        AnswerShape s = AnswerShape.of(text);
        assertThat(s.listBucket()).isEqualTo(2);
        assertThat(s.codeFence()).isTrue();
        assertThat(s.linesBucket()).isEqualTo(2); // 7 non-blank lines
        assertThat(s.lengthBucket()).isEqualTo(6);
    }

    @Test
    void bucketsAreCapped() {
        AnswerShape s = AnswerShape.of("line\n".repeat(5000));
        assertThat(s.lengthBucket()).isEqualTo(10);
        assertThat(s.linesBucket()).isEqualTo(5);
        assertThat(AnswerShape.of("").lengthBucket()).isZero();
    }

    @Test
    void featureCodesAreDistinctPerKind() {
        List<Integer> codes = new ArrayList<>();
        new AnswerShape(3, 3, 3, true).forEachFeature(codes::add);
        assertThat(codes).doesNotHaveDuplicates().hasSize(4);
        List<Integer> noCode = new ArrayList<>();
        new AnswerShape(3, 3, 3, false).forEachFeature(noCode::add);
        assertThat(noCode).hasSize(3);
    }
}
