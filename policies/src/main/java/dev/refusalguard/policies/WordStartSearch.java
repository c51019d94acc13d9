package dev.refusalguard.policies;

import java.util.regex.Matcher;

/**
 * {@link Matcher#find()} for expressions whose every match starts at a word start with a letter or digit (they open
 * with {@code \b} and a word), trying the expression anchored only at such positions instead of at every character,
 * and only where the text continues with a string a match can start with ({@link WordStartPattern}'s
 * {@link MatchPrefixes}). Transparent bounds keep {@code \b} and look-behinds seeing the text before the candidate,
 * so the matches (and their order, non-overlapping, as find() reports them) are exactly those of a plain find. The
 * matcher is created at the first candidate position (most texts have none).
 */
final class WordStartSearch {

    private final WordStartPattern pattern;
    private final String text;
    private Matcher matcher;
    private int next;

    WordStartSearch(WordStartPattern pattern, String text) {
        this.pattern = pattern;
        this.text = text;
    }

    /** Whether the pattern occurs in {@code text}. */
    static boolean find(WordStartPattern pattern, String text) {
        return new WordStartSearch(pattern, text).next();
    }

    /** Advances to the next match; {@link #start()} and {@link #end()} describe it. */
    boolean next() {
        int len = text.length();
        for (int at = next; at < len; at++) {
            if (!Character.isLetterOrDigit(text.charAt(at))
                    || (at > 0 && isWordChar(text.charAt(at - 1)))
                    || !pattern.mayStartAt(text, at)) {
                continue;
            }
            if (matcher == null) {
                matcher = pattern.pattern().matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
            }
            if (matcher.region(at, len).lookingAt()) {
                next = matcher.end() > at ? matcher.end() : at + 1;
                return true;
            }
        }
        next = len;
        return false;
    }

    int start() {
        return matcher.start();
    }

    int end() {
        return matcher.end();
    }

    /** A char after which a letter or digit is certainly not at a word boundary. */
    private static boolean isWordChar(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }
}
