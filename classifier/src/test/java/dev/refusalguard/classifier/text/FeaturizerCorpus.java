package dev.refusalguard.classifier.text;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A fixed, generated corpus of texts for sameness tests of the featurizer: no data file (the training data may change),
 * the same texts on every run. Mixes ASCII prose, every whitespace and quote the normaliser maps, non-Latin scripts
 * (CJK, Hangul, Cyrillic, Greek, Arabic), letters whose case mapping is special (dotted I, sharp s, final sigma), emoji
 * and other surrogate pairs, lone surrogates, digits, apostrophes and code, at lengths from empty to several thousand
 * chars (beyond the opening window and the closing range).
 */
final class FeaturizerCorpus {

    private static final String[] FRAGMENTS = {
            "I'm sorry, but I can't help with that.", "Here is how to harden the server:", "Sure!", "no", "NO",
            "exploit", "malicious", "don't", "rock'n'roll", "it''s", "'quoted'", "`code`", "```python\nprint(1)\n```",
            "- item one\n- item two\n", "1. first\n2. second\n", "  \t\n\n  ", "\u00a0", "\u2003", "\u2028", "\u000b", "\f",
            "\u2018x\u2019", "\u201cquote\u201d", "\u00abguillemets\u00bb", "\u02bc", "\u4e2d\u6587\u6587\u672c", "\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8",
            "\ud55c\uad6d\uc5b4", "\u041f\u0420\u0418\u0412\u0415\u0422 \u043c\u0438\u0440", "\u03a3\u039f\u03a6\u0399\u0391 \u03c3\u03bf\u03c6\u03af\u03b1\u03c2",
            "\u0645\u0631\u062d\u0628\u0627", "\u0130stanbul \u0131", "Stra\u00dfe", "STRASSE", "\u00c9COLE \u00e9cole", "e\u0301", "\ud83d\ude00",
            "\ud83d\udc68\u200d\ud83d\udcbb", "\ud835\udd04\ud835\udd05", "\ud800", "\udc00", "x\ud800y", "12345", "CVE-2024-12345", "0xdeadbeef",
            "C:\\Windows\\System32", "https://example.com/a?b=c", "a_b", "end.", "!!!", "...", "\u3000", "\ufeff", "\uffff", "\u0000",
            "\u1680", "\u205f", "\u00ad", "\u2019s", "Ma\u00f1ana", "na\u00efve", "\u212a", "\u2126", "\u01c5", "\u1e9e",
    };

    private FeaturizerCorpus() {
    }

    /** The corpus: hand-picked texts first, then generated ones. */
    static List<String> texts() {
        List<String> out = new ArrayList<>(List.of("", " ", "a", "ab", "abc", "\ud83d\ude00", "\ud800", "sorry",
                "I'm sorry, but I can't help with that request.", "x".repeat(5000), "word ".repeat(1200),
                "\u4e2d".repeat(900), "\ud83d\ude00".repeat(700), "a'b'c'd ".repeat(300)));
        out.addAll(List.of(FRAGMENTS));
        SplittableRandom random = new SplittableRandom(0x52474437L);
        for (int n = 0; n < 1500; n++) {
            int target = switch (n % 6) {
                case 0 -> random.nextInt(40);
                case 1 -> random.nextInt(200);
                case 2 -> 400 + random.nextInt(250);
                case 3 -> random.nextInt(1100);
                case 4 -> 900 + random.nextInt(1500);
                default -> random.nextInt(5000);
            };
            StringBuilder sb = new StringBuilder(target + 64);
            while (sb.length() < target) {
                int r = random.nextInt(10);
                if (r < 6) {
                    sb.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                } else if (r < 8) {
                    sb.append(' ');
                } else if (r < 9) {
                    sb.append((char) random.nextInt(0x80));
                } else {
                    sb.append((char) random.nextInt(0x10000));
                }
            }
            out.add(sb.toString());
        }
        return out;
    }

    /**
     * Featurizer specs the sameness tests run over: the refusal default of 87bedde (written out, so a retrained model with
     * another default does not move the pinned digest), an opening-only one, a tiny one where buckets collide (counts
     * beyond the log table), a small whole-answer one.
     */
    static List<FeaturizerSpec> specs() {
        return List.of(new FeaturizerSpec(1 << 18, 512, 3, 5, 128, 4, 0x52474431, 512, 0.5f),
                new FeaturizerSpec(1 << 16, 300, 2, 6, 300, 8, 12345),
                new FeaturizerSpec(16, 700, 1, 8, 200, 32, -7, 4096, 4f),
                new FeaturizerSpec(1 << 12, 64, 3, 5, 48, 4, 7, 128, 0.5f));
    }
}
