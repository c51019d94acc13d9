package dev.refusalguard.classifier.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HashedNgramFeaturizerTest {

    private final HashedNgramFeaturizer f = new HashedNgramFeaturizer(new FeaturizerSpec(1 << 12, 64, 3, 5, 48, 4, 7));

    @Test
    void sameTextGivesSameSortedUnitVector() {
        SparseVector a = f.featurize("I'm sorry, but I can't help with that.");
        SparseVector b = f.featurize("I'm sorry, but I can't help with that.");
        assertThat(a.indices()).isEqualTo(b.indices());
        assertThat(a.values()).isEqualTo(b.values());
        assertThat(a.indices()).doesNotHaveDuplicates();
        double norm = 0;
        for (float v : a.values()) {
            norm += v * v;
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        for (int i : a.indices()) {
            assertThat(i).isBetween(0, (1 << 12) - 1);
        }
    }

    @Test
    void caseWhitespaceAndCurlyApostrophesAreNormalised() {
        SparseVector a = f.featurize("I'm   SORRY,\nbut no");
        SparseVector b = f.featurize("i\u2019m sorry, but no");
        assertThat(a.indices()).isEqualTo(b.indices());
        assertThat(a.values()).isEqualTo(b.values());
    }

    @Test
    void textBeyondMaxCharsIsIgnored() {
        String head = "x".repeat(10) + " here is the hardening checklist you asked for, step by step";
        SparseVector a = f.featurize(head + " and then a long tail that never counts");
        SparseVector b = f.featurize(head + " with a different tail entirely, also ignored");
        assertThat(a.indices()).isEqualTo(b.indices());
    }

    @Test
    void emptyTextGivesEmptyVector() {
        assertThat(f.featurize("").size()).isZero();
        assertThat(f.featurize("   ").size()).isZero();
    }
}
