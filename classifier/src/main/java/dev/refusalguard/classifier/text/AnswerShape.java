package dev.refusalguard.classifier.text;

import java.util.function.IntConsumer;

/**
 * Coarse shape of a complete answer, for the featurizer's whole-answer block: how long it is, how many non-blank
 * lines and list items it has, and whether it holds a code fence. A refusal is usually short and flat; an answer that
 * opens with a disclaimer and then does the work is long, with lines, lists or code after the opening.
 *
 * <p>Each measure is a log2 bucket, emitted as a small integer code (kind in the high byte, bucket in the low byte)
 * that the featurizer hashes in a namespace of its own.
 *
 * @param lengthBucket floor(log2(chars)), capped at 10 (1,024 chars or more)
 * @param linesBucket  floor(log2(non-blank lines)), capped at 5 (32 lines or more)
 * @param listBucket   0 for no list items, 1 for one or two, 2 for three to seven, 3 for eight or more
 * @param codeFence    whether a line starts with three backticks or tildes
 */
public record AnswerShape(int lengthBucket, int linesBucket, int listBucket, boolean codeFence) {

    static final int LENGTH = 0x100;
    static final int LINES = 0x200;
    static final int LIST = 0x300;
    static final int CODE = 0x400;
    /** The most codes {@link #forEachFeature} emits. */
    static final int MAX_FEATURES = 4;

    public static AnswerShape of(CharSequence text) {
        int chars = text.length();
        int lines = 0;
        int items = 0;
        boolean fence = false;
        int i = 0;
        while (i < chars) {
            int end = i;
            while (end < chars && text.charAt(end) != '\n') {
                end++;
            }
            int p = i;
            while (p < end && (text.charAt(p) == ' ' || text.charAt(p) == '\t' || text.charAt(p) == '\r')) {
                p++;
            }
            if (p < end) {
                lines++;
                if (isListItem(text, p, end)) {
                    items++;
                }
                if (startsWithFence(text, p, end)) {
                    fence = true;
                }
            }
            i = end + 1;
        }
        return new AnswerShape(Math.min(10, log2(chars)), Math.min(5, log2(lines)), listBucket(items), fence);
    }

    /** Calls {@code sink} with one code per measure. */
    public void forEachFeature(IntConsumer sink) {
        sink.accept(LENGTH | lengthBucket);
        sink.accept(LINES | linesBucket);
        sink.accept(LIST | listBucket);
        if (codeFence) {
            sink.accept(CODE);
        }
    }

    private static int log2(int n) {
        return n <= 1 ? 0 : 31 - Integer.numberOfLeadingZeros(n);
    }

    private static int listBucket(int items) {
        if (items == 0) {
            return 0;
        }
        return items <= 2 ? 1 : items <= 7 ? 2 : 3;
    }

    /** "- x", "* x", "+ x", "• x", "1. x", "2) x". */
    private static boolean isListItem(CharSequence t, int p, int end) {
        char c = t.charAt(p);
        if ((c == '-' || c == '*' || c == '+' || c == '\u2022') && p + 1 < end && t.charAt(p + 1) == ' ') {
            return true;
        }
        int q = p;
        while (q < end && q - p < 3 && Character.isDigit(t.charAt(q))) {
            q++;
        }
        return q > p && q + 1 < end && (t.charAt(q) == '.' || t.charAt(q) == ')') && t.charAt(q + 1) == ' ';
    }

    private static boolean startsWithFence(CharSequence t, int p, int end) {
        if (end - p < 3) {
            return false;
        }
        char c = t.charAt(p);
        return (c == '`' || c == '~') && t.charAt(p + 1) == c && t.charAt(p + 2) == c;
    }
}
