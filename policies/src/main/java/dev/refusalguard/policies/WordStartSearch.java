package dev.refusalguard.policies;

import java.util.regex.Matcher;

/**
 * {@link Matcher#find()} for expressions whose every match starts at a word start with a letter or digit (they open
 * with {@code \b} and a word), trying the expression anchored only at such positions instead of at every character,
 * and only where the text continues with a string a match can start with ({@link WordStartPattern}'s
 * {@link MatchPrefixes}). Transparent bounds keep {@code \b} and look-behinds seeing the text before the candidate,
 * so the matches (and their order, non-overlapping, as find() reports them) are exactly those of a plain find. The
 * matcher is created at the first candidate position (most texts have none). When the expression has only a few
 * prefixes, the candidates are their occurrences found with {@link String#indexOf(String, int)} (in position order,
 * the smallest next occurrence first) instead of a look at every char.
 */
final class WordStartSearch {

    private final WordStartPattern pattern;
    private final String text;
    private Matcher matcher;
    private int next;
    /** For few prefixes: the next occurrence at or after {@code next} of each (text length when none), or null. */
    private int[] occurrences;

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
        return pattern.fewPrefixes() != null ? nextAtOccurrences(pattern.fewPrefixes()) : nextAtEveryChar();
    }

    private boolean nextAtEveryChar() {
        int len = text.length();
        for (int at = next; at < len; at++) {
            if (!Character.isLetterOrDigit(text.charAt(at))
                    || (at > 0 && isWordChar(text.charAt(at - 1)))
                    || !pattern.mayStartAt(text, at)) {
                continue;
            }
            if (matchesAt(at)) {
                return true;
            }
        }
        next = len;
        return false;
    }

    /** Tries the expression anchored at {@code at}; on a match, the next search starts after it. */
    private boolean matchesAt(int at) {
        if (matcher == null) {
            matcher = pattern.pattern().matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        }
        if (!matcher.region(at, text.length()).lookingAt()) {
            return false;
        }
        next = matcher.end() > at ? matcher.end() : at + 1;
        return true;
    }

    private boolean nextAtOccurrences(String[] prefixes) {
        int len = text.length();
        if (occurrences == null) {
            occurrences = new int[prefixes.length];
            for (int i = 0; i < prefixes.length; i++) {
                occurrences[i] = occurrence(prefixes[i], 0);
            }
        }
        while (true) {
            int at = len;
            for (int i = 0; i < prefixes.length; i++) {
                if (occurrences[i] < next) {
                    occurrences[i] = occurrence(prefixes[i], next);
                }
                at = Math.min(at, occurrences[i]);
            }
            if (at >= len) {
                next = len;
                return false;
            }
            next = at + 1; // unless a match moves it further
            if (!Character.isLetterOrDigit(text.charAt(at)) || (at > 0 && isWordChar(text.charAt(at - 1)))) {
                continue;
            }
            if (matchesAt(at)) {
                return true;
            }
        }
    }

    private int occurrence(String prefix, int from) {
        int i = text.indexOf(prefix, from);
        return i < 0 ? text.length() : i;
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
