package dev.refusalguard.policies;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A list of regular expressions (written in lower case) with weights; the score of a text is the sum of the weights
 * of those found. Matching runs on the lower-cased text. Each pattern gets a literal prefilter when one can be
 * derived (the words one of which any match must start with, e.g. {@code \bharden(ing|ed)?\b} needs "harden"), so
 * most patterns are rejected by a plain substring search instead of a regex scan. A derived literal always starts the
 * match, so the regex is only tried, anchored, where one of its literals occurs (with transparent bounds, so a
 * leading {@code \b} still sees the char before), never scanned across the whole text: a long log costs a few
 * substring searches per pattern instead of a regex attempt at every character. Patterns that are only literals and
 * word boundaries skip the regex engine ({@link LiteralPattern}). Before any of that, a pattern is skipped when none
 * of its literals (or, for a pattern without literals, none of the strings its matches start with,
 * {@link MatchPrefixes}) can occur in the text by the text's {@link CharPairs}: a few bit tests per pattern instead
 * of a substring search, on a text folded once for all rule sets ({@link FoldedText}).
 */
final class WeightedPatterns {

    // Per pattern, in the order added. Arrays, not lists: score reads them for every pattern of every request, and
    // list gets (with a boxed weight and flag) were a third of its own time. Written only while the rules are built.
    private Pattern[] patterns = new Pattern[0];
    private LiteralPattern[] literalForms = new LiteralPattern[0];
    private String[][] prefilters = new String[0][];
    private String[][] pairFilters = new String[0][];
    /** Whether every literal of the pattern's filter must start at a word start (a {@code \b} precedes it). */
    private boolean[] atWordStart = new boolean[0];
    private double[] weights = new double[0];

    WeightedPatterns add(double weight, String... regexes) {
        for (String regex : regexes) {
            Pattern pattern = Pattern.compile(regex);
            LiteralPattern literal = LiteralPattern.parse(regex);
            String[] required = requiredLiterals(regex);
            String[] filter = pairFilter(pattern, literal, required);
            int n = patterns.length;
            patterns = Arrays.copyOf(patterns, n + 1);
            literalForms = Arrays.copyOf(literalForms, n + 1);
            prefilters = Arrays.copyOf(prefilters, n + 1);
            pairFilters = Arrays.copyOf(pairFilters, n + 1);
            atWordStart = Arrays.copyOf(atWordStart, n + 1);
            weights = Arrays.copyOf(weights, n + 1);
            patterns[n] = pattern;
            literalForms[n] = literal;
            prefilters[n] = required;
            pairFilters[n] = filter;
            atWordStart[n] = filter != null && (literal != null ? literal.everyLiteralAfterBoundary()
                    : required != null && everyAlternativeOpensWithBoundary(regex)) && startWithWordChars(filter);
            weights[n] = weight;
        }
        return this;
    }

    /** Whether every top-level alternative of {@code regex} opens with {@code \b}. */
    static boolean everyAlternativeOpensWithBoundary(String regex) {
        for (String alt : splitTopLevel(regex)) {
            if (!alt.startsWith("\\b")) {
                return false;
            }
        }
        return true;
    }

    private static boolean startWithWordChars(String[] literals) {
        for (String l : literals) {
            char c = l.charAt(0);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Strings one of which occurs in every text the pattern is found in: its literals, else the strings its matches
     * start with; null when there are none.
     */
    private static String[] pairFilter(Pattern pattern, LiteralPattern literal, String[] required) {
        if (literal != null) {
            return literal.literals();
        }
        if (required != null) {
            return required;
        }
        MatchPrefixes prefixes = MatchPrefixes.of(pattern);
        return prefixes == null ? null : prefixes.strings().toArray(new String[0]);
    }

    /** The regular expressions added, in order (for tests). */
    List<Pattern> patterns() {
        return List.of(patterns);
    }

    /** Lower-cases a text once for {@link #score}. */
    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /** Sum of the weights of the patterns found in {@code lowerText} (already lower-cased). */
    double score(String lowerText) {
        return score(FoldedText.ofLower(lowerText));
    }

    /** Sum of the weights of the patterns found in the folded text. */
    double score(FoldedText text) {
        String lowerText = text.lower();
        CharPairs pairs = text.pairs();
        double sum = 0;
        for (int i = 0; i < patterns.length; i++) {
            String[] filter = pairFilters[i];
            if (filter != null && !(atWordStart[i] ? anyMayStartAWord(text.wordStarts(), filter)
                    : pairs.mayContainAny(filter))) {
                continue;
            }
            LiteralPattern literal = literalForms[i];
            if (literal != null) {
                if (literal.find(lowerText)) {
                    sum += weights[i];
                }
                continue;
            }
            String[] literals = prefilters[i];
            boolean found = literals == null ? patterns[i].matcher(lowerText).find()
                    : matchesAtALiteral(patterns[i], lowerText, literals);
            if (found) {
                sum += weights[i];
            }
        }
        return sum;
    }

    private static boolean anyMayStartAWord(WordStartKeys keys, String[] literals) {
        for (String l : literals) {
            if (keys.mayStartAWord(l)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code pattern} matches starting at some occurrence of one of {@code literals} (every match starts with
     * one of them, so this equals {@code find()}).
     */
    private static boolean matchesAtALiteral(Pattern pattern, String text, String[] literals) {
        Matcher m = null;
        int end = text.length();
        for (String literal : literals) {
            for (int at = text.indexOf(literal); at >= 0; at = text.indexOf(literal, at + 1)) {
                if (m == null) {
                    m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
                }
                if (m.region(at, end).lookingAt()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Literals one of which every match must contain, or null when none can be derived. Handles a leading
     * {@code \b}, a leading letter run, and a leading group of simple alternatives, for each top-level alternative.
     */
    static String[] requiredLiterals(String regex) {
        List<String> alternatives = splitTopLevel(regex);
        List<String> out = new ArrayList<>();
        for (String alt : alternatives) {
            List<String> lits = leadingLiterals(alt);
            if (lits == null) {
                return null;
            }
            out.addAll(lits);
        }
        return out.isEmpty() ? null : out.toArray(new String[0]);
    }

    private static List<String> leadingLiterals(String alt) {
        String s = alt.startsWith("\\b") ? alt.substring(2) : alt;
        if (s.isEmpty()) {
            return null;
        }
        if (s.charAt(0) == '(') {
            int close = matchingParen(s, 0);
            if (close < 0 || s.startsWith("(?")) {
                return null;
            }
            if (close + 1 < s.length() && "?*".indexOf(s.charAt(close + 1)) >= 0) {
                return null;
            }
            List<String> lits = new ArrayList<>();
            for (String inner : splitTopLevel(s.substring(1, close))) {
                String lit = literalRun(inner);
                if (lit == null) {
                    return null;
                }
                lits.add(lit);
            }
            return lits;
        }
        String lit = literalRun(s);
        return lit == null ? null : List.of(lit);
    }

    /** The leading run of plain characters (letters, digits, space, '-', '&'), minus a char made optional, if >= 2. */
    private static String literalRun(String s) {
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c) || c == ' ' || c == '-' || c == '&' || c == '\'') {
                i++;
            } else {
                break;
            }
        }
        if (i < s.length() && "?*{".indexOf(s.charAt(i)) >= 0) {
            i--;
        }
        return i >= 2 ? s.substring(0, i) : null;
    }

    private static int matchingParen(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = s.indexOf(']', i + 1);
                if (i < 0) {
                    return -1;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> splitTopLevel(String regex) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                int end = regex.indexOf(']', i + 1);
                i = end < 0 ? regex.length() : end;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                parts.add(regex.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(regex.substring(start));
        return parts;
    }
}
