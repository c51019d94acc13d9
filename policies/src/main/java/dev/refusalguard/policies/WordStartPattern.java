package dev.refusalguard.policies;

import java.util.regex.Pattern;

/**
 * A compiled expression for {@link WordStartSearch} with the strings its matches can start with
 * ({@link MatchPrefixes}, null when they cannot be derived): the search tries the expression only at word starts
 * where the text continues with one of them. Immutable and thread-safe.
 */
final class WordStartPattern {

    private static final int FEW = 16;

    private final Pattern pattern;
    private final MatchPrefixes prefixes;
    private final String[] fewPrefixes;

    private WordStartPattern(Pattern pattern) {
        this.pattern = pattern;
        this.prefixes = MatchPrefixes.of(pattern);
        this.fewPrefixes = prefixes != null && prefixes.strings().size() <= FEW
                ? prefixes.strings().stream().sorted().toArray(String[]::new) : null;
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

    /**
     * The derived prefix strings when there are few enough ({@value #FEW}) that finding each with
     * {@link String#indexOf(String, int)} beats looking at every char; else null.
     */
    String[] fewPrefixes() {
        return fewPrefixes;
    }

    /** The derived prefixes, or null (for tests). */
    MatchPrefixes prefixes() {
        return prefixes;
    }
}
