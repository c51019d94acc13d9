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
        // backtick and the other apostrophes, no-break space and tabs, in a String and in another CharSequence
        SparseVector c = f.featurize(new StringBuilder("I`m\u00a0\tsorry,\u000b but NO"));
        SparseVector d = f.featurize("i\u02bcm sorry, but no");
        assertThat(c.indices()).isEqualTo(a.indices());
        assertThat(d.indices()).isEqualTo(a.indices());
        assertThat(c.values()).isEqualTo(a.values());
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

    private static final FeaturizerSpec OPENING = new FeaturizerSpec(1 << 16, 64, 3, 5, 48, 4, 7);
    private static final FeaturizerSpec WHOLE = new FeaturizerSpec(1 << 16, 64, 3, 5, 48, 4, 7, 128, 0.5f);

    @Test
    void unfinishedPrefixGetsTheOpeningBlockOnly() {
        String text = "I can't see your SIEM, but here is the query to run.\n\n1. Open the console\n2. Paste this";
        SparseVector opening = new HashedNgramFeaturizer(OPENING).featurize(text);
        SparseVector prefix = new HashedNgramFeaturizer(WHOLE).featurize(text, false);
        assertThat(prefix.indices()).isEqualTo(opening.indices());
        assertThat(prefix.values()).isEqualTo(opening.values());
    }

    @Test
    void completeTextAddsAClosingBlockOfTheConfiguredNorm() {
        String text = "Sorry for the delay. " + "The beacon interval is sixty seconds with jitter. ".repeat(6)
                + "Block the domain at the proxy and reimage the host.";
        HashedNgramFeaturizer whole = new HashedNgramFeaturizer(WHOLE);
        SparseVector prefix = whole.featurize(text, false);
        SparseVector complete = whole.featurize(text, true);
        assertThat(complete.size()).isGreaterThan(prefix.size());
        java.util.Map<Integer, Float> byIndex = new java.util.HashMap<>();
        for (int i = 0; i < complete.size(); i++) {
            byIndex.put(complete.indices()[i], complete.values()[i]);
        }
        int same = 0;
        for (int i = 0; i < prefix.size(); i++) {
            if (byIndex.get(prefix.indices()[i]) == prefix.values()[i]) {
                same++;
            }
        }
        assertThat(same).isGreaterThanOrEqualTo(prefix.size() - 2); // the opening block is unchanged (bar a bucket collision)
        double norm = 0;
        for (float v : complete.values()) {
            norm += v * v;
        }
        assertThat(norm).isCloseTo(1.0 + 0.25, org.assertj.core.data.Offset.offset(0.02));
    }

    @Test
    void closingBlockReadsTheEndOfTheTextBeyondTheOpeningWindow() {
        String head = "Here is the hardening checklist you asked for, step by step, in order of priority. ";
        HashedNgramFeaturizer whole = new HashedNgramFeaturizer(WHOLE);
        SparseVector a = whole.featurize(head + "Then enable MFA for every admin.");
        SparseVector b = whole.featurize(head + "I can't help with the rest of it.");
        assertThat(a.indices()).isNotEqualTo(b.indices());
        assertThat(whole.featurize(head + "Then enable MFA for every admin.", false).indices())
                .isEqualTo(whole.featurize(head + "I can't help with the rest of it.", false).indices());
    }

    @Test
    void wholeAnswerSpecRoundTripsThroughMetadataAndOpeningSpecStaysV1() {
        assertThat(FeaturizerSpec.fromMetadata(WHOLE.toMetadata())).isEqualTo(WHOLE);
        assertThat(WHOLE.toMetadata()).containsEntry("featurizer", "hashed-ngram-v2");
        assertThat(OPENING.toMetadata()).containsEntry("featurizer", "hashed-ngram-v1").doesNotContainKey("featurizer.tailChars");
        assertThat(FeaturizerSpec.fromMetadata(OPENING.toMetadata())).isEqualTo(OPENING);
    }

    @Test
    void theCountingTableNeverOverflowsOnDenseTexts() {
        HashedNgramFeaturizer shipped = new HashedNgramFeaturizer(FeaturizerSpec.refusalDefault());
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        java.util.List<String> texts = new java.util.ArrayList<>();
        StringBuilder cjk = new StringBuilder();
        StringBuilder letters = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            cjk.append((char) (0x4e00 + i)); // every char a distinct word
            letters.append((char) ('a' + random.nextInt(26))).append(' '); // one-letter words
        }
        texts.add(cjk.toString());
        texts.add(letters.toString());
        for (int t = 0; t < 200; t++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(1, 3_000);
            for (int i = 0; i < len; i++) {
                sb.append(random.nextInt(4) == 0 ? ' ' : (char) random.nextInt(0x21, 0x9fff));
            }
            texts.add(sb.toString());
        }
        for (String text : texts) {
            for (boolean complete : new boolean[] {true, false}) {
                shipped.featurize(text, complete);
                assertThat(shipped.droppedByLastCall()).as("features dropped for a text of %d chars", text.length())
                        .isZero();
                f.featurize(text, complete);
                assertThat(f.droppedByLastCall()).isZero();
            }
        }
    }

    @Test
    void withFeaturesHandsOverExactlyTheVectorFeaturizeReturns() {
        HashedNgramFeaturizer f = new HashedNgramFeaturizer(FeaturizerSpec.refusalDefault());
        String[] texts = {"I'm sorry, but I can't help with that.", "", "   ", "Here is the rule:\n```yaml\ntitle: x\n```",
                "申し訳ありませんが、対応できません。", "word ".repeat(400) + "closing words at the end"};
        for (boolean complete : new boolean[]{true, false}) {
            for (String text : texts) {
                // a fresh String each time, so neither call can be answered by the other's memo
                SparseVector expected = f.featurize(new String(text.toCharArray()), complete);
                SparseVector seen = f.withFeatures(new String(text.toCharArray()), complete,
                        (idx, val, n) -> new SparseVector(java.util.Arrays.copyOf(idx, n), java.util.Arrays.copyOf(val, n)));
                assertThat(seen.indices()).isEqualTo(expected.indices());
                assertThat(seen.values()).isEqualTo(expected.values());
            }
        }
    }

    @Test
    void theLastTextMemoNeverAnswersForAnotherTextOrMode() {
        HashedNgramFeaturizer f = new HashedNgramFeaturizer(FeaturizerSpec.refusalDefault());
        String a = "I cannot help with that request.";
        String b = "Here is how to read the Sysmon event 1 fields.";
        SparseVector fromA = f.featurize(new String(a.toCharArray()));
        SparseVector fromB = f.featurize(new String(b.toCharArray()));
        // withFeatures on a, then featurize of the same String: the vector is built from a's arrays
        int size = f.withFeatures(a, true, (idx, val, n) -> n);
        assertThat(size).isEqualTo(fromA.size());
        assertThat(f.featurize(a).indices()).isEqualTo(fromA.indices());
        // the same String read as an unfinished prefix is another vector (no closing block)
        assertThat(f.featurize(a, false).size()).isLessThan(fromA.size());
        assertThat(f.featurize(a, true).values()).isEqualTo(fromA.values());
        // another text in between replaces the memo
        f.featurize(b);
        int[] again = f.withFeatures(a, true, (idx, val, n) -> java.util.Arrays.copyOf(idx, n));
        assertThat(again).isEqualTo(fromA.indices());
        assertThat(f.featurize(b).indices()).isEqualTo(fromB.indices());
    }

    @Test
    void aSpecWhoseCountsCouldOverflowSixteenBitsIsRejectedAtConstruction() {
        FeaturizerSpec huge = new FeaturizerSpec(1 << 16, 40_000, 3, 8, 40_000, 4, 7);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new HashedNgramFeaturizer(huge))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 65535");
    }
}
