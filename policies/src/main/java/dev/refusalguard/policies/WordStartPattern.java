package dev.refusalguard.policies;

import java.util.regex.Pattern;

/**
 * A compiled expression for {@link WordStartSearch} with the strings its matches can start with
 * ({@link MatchPrefixes}, null when they cannot be derived): the search tries the expression only at word starts
 * where the text continues with one of them. Immutable and thread-safe.
 */
final class WordStartPattern {

    private final Pattern pattern;
    private final MatchPrefixes prefixes;

    private WordStartPattern(Pattern pattern) {
        this.pattern = pattern;
        this.prefixes = MatchPrefixes.of(pattern);
    }

    static WordStartPattern compile(String regex) {
        return new WordStartPattern(Pattern.compile(regex));
    }

    static WordStartPattern of(Pattern pattern) {
        return new WordStartPattern(pattern);
    }

    Pattern pattern() {
        return pattern;
    }

    /** Whether a match may start at {@code at} (always true when no prefixes were derived). */
    boolean mayStartAt(CharSequence text, int at) {
        return prefixes == null || prefixes.mayStartAt(text, at);
    }

    /** The derived prefixes, or null (for tests). */
    MatchPrefixes prefixes() {
        return prefixes;
    }
}
