package dev.refusalguard.policies;

import java.util.Locale;

/**
 * A request text lower-cased once ({@code toLowerCase(Locale.ROOT)}, the folding every rule set matches against)
 * with its {@link CharPairs} and {@link WordStartKeys}, shared by the rule sets that read the same request one after the other (category
 * rules, intent rules, claim detector, hard cues). {@link #of} remembers the last text folded on each thread by
 * identity: a String is immutable, so a hit is always the same input and gives the same result as folding it again.
 */
final class FoldedText {

    private static final ThreadLocal<FoldedText> LAST = new ThreadLocal<>();

    private final String source;
    private final String lower;
    private CharPairs pairs;
    private WordStartKeys wordStarts;

    private FoldedText(String source) {
        this.source = source;
        this.lower = source.toLowerCase(Locale.ROOT);
    }

    /** The folded form of {@code text} (the same object for the same String on this thread until another is folded). */
    static FoldedText of(String text) {
        FoldedText last = LAST.get();
        if (last != null && last.source == text) {
            return last;
        }
        FoldedText folded = new FoldedText(text);
        LAST.set(folded);
        return folded;
    }

    /** A folded form of an already lower-cased text, not remembered (for callers and tests that hold one). */
    static FoldedText ofLower(String lower) {
        return new FoldedText(lower, lower);
    }

    private FoldedText(String source, String lower) {
        this.source = source;
        this.lower = lower;
    }

    String lower() {
        return lower;
    }

    /** The word-start keys of {@link #lower()}, built on first use. */
    WordStartKeys wordStarts() {
        if (wordStarts == null) {
            wordStarts = new WordStartKeys(lower);
        }
        return wordStarts;
    }

    /** The char pairs of {@link #lower()}, built on first use. */
    CharPairs pairs() {
        if (pairs == null) {
            pairs = new CharPairs(lower);
        }
        return pairs;
    }
}
