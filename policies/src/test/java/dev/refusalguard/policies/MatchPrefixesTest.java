package dev.refusalguard.policies;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class MatchPrefixesTest {

    @Test
    void derivesTheLeadingStringsOfSimpleExpressions() {
        assertThat(strings("\\bharden(ing|ed)?\\b")).containsExactlyInAnyOrder("hard");
        assertThat(strings("\\b(?:steal|stealing|harvest|harvesting)\\b")).containsExactlyInAnyOrder("stea", "harv");
        assertThat(strings("(?<!not |n't )\\b(detect|block)s?\\b")).containsExactlyInAnyOrder("dete", "bloc");
        assertThat(strings("\\bso\\b|\\bfud\\b")).containsExactlyInAnyOrder("so", "fud");
        assertThat(strings("\\bi(?:'m| am)\\s+on")).containsExactlyInAnyOrder("i'm ", "i'm\t", "i'm\n", "i'm\u000b",
                "i'm\f", "i'm\r", "i am");
        assertThat(strings("\\bc[2x]\\b")).containsExactlyInAnyOrder("c2", "cx");
        assertThat(strings("\\ba{2,}b")).containsExactlyInAnyOrder("aaaa", "aaab", "aab");
        assertThat(strings("\\bx(?:\\w+ ){0,2}?y")).hasSize(63).contains("xy", "xa", "x_");
    }

    @Test
    void shortensOrGivesUpWhenTheStartCannotBeBounded() {
        assertThat(strings("\\bab[^.]*c")).containsExactlyInAnyOrder("ab");
        assertThat(MatchPrefixes.of(Pattern.compile(".x"))).isNull();
        assertThat(MatchPrefixes.of(Pattern.compile("[^a]x"))).isNull();
        assertThat(MatchPrefixes.of(Pattern.compile("a?"))).as("may match the empty string").isNull();
        assertThat(MatchPrefixes.of(Pattern.compile("\\bx\\1"))).as("back-reference").isNull();
        assertThat(MatchPrefixes.of(Pattern.compile("\\p{L}x"))).isNull();
        assertThat(MatchPrefixes.of(Pattern.compile("harden", Pattern.CASE_INSENSITIVE))).as("flags").isNull();
        assertThat(MatchPrefixes.of(Pattern.compile("(?i)harden"))).as("inline flags").isNull();
        assertThat(MatchPrefixes.of(Pattern.compile("\\Qa\\E"))).isNull();
    }

    @Test
    void everyExpressionOfTheModuleGetsPrefixes() {
        for (Pattern p : moduleWordStartPatterns()) {
            assertThat(MatchPrefixes.of(p)).as(p.pattern()).isNotNull();
        }
    }

    /** Soundness on random expressions of the supported syntax: no position where the expression matches is rejected. */
    @Property(tries = 3000)
    void neverRejectsAPositionWhereARandomExpressionMatches(@ForAll long seed) {
        Random r = new Random(seed);
        Pattern p = Pattern.compile(randomRegex(r, 3));
        MatchPrefixes prefixes = MatchPrefixes.of(p);
        if (prefixes == null) {
            return;
        }
        for (int n = 0; n < 8; n++) {
            String text = randomText(r, "ab- '_\n\t.", 30);
            assertSound(p, prefixes, text);
        }
    }

    /** Soundness of the module's expressions on random texts over their own words. */
    @Property(tries = 1000)
    void neverRejectsAPositionWhereAModuleExpressionMatches(@ForAll long seed) {
        Random r = new Random(seed);
        List<Pattern> patterns = moduleWordStartPatterns();
        String text = GeneratedWords.text(r, 40);
        for (Pattern p : patterns) {
            assertSound(p, MatchPrefixes.of(p), text);
        }
    }

    private static void assertSound(Pattern p, MatchPrefixes prefixes, String text) {
        // A random expression can backtrack catastrophically (nested quantifiers): the matcher reads the text through
        // a char budget, and a text that exhausts it is skipped (it tells nothing about soundness either way).
        BudgetedText budgeted = new BudgetedText(text, 200_000);
        Matcher m = p.matcher(budgeted).useTransparentBounds(true).useAnchoringBounds(false);
        for (int at = 0; at < text.length(); at++) {
            boolean matches;
            try {
                matches = m.region(at, text.length()).lookingAt();
            } catch (BudgetedText.Exhausted | StackOverflowError e) {
                return;
            }
            if (matches) {
                assertThat(prefixes.mayStartAt(text, at)).as("/%s/ at %d of '%s'", p.pattern(), at, text).isTrue();
            }
        }
    }

    /** A text that throws once more than {@code budget} chars have been read from it. */
    private static final class BudgetedText implements CharSequence {
        static final class Exhausted extends RuntimeException {
            Exhausted() {
                super(null, null, false, false);
            }
        }

        private final String text;
        private long budget;

        BudgetedText(String text, long budget) {
            this.text = text;
            this.budget = budget;
        }

        @Override
        public char charAt(int index) {
            if (--budget < 0) {
                throw new Exhausted();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    static List<Pattern> moduleWordStartPatterns() {
        List<Pattern> out = new ArrayList<>(HardOffensiveCues.wordStartPatterns().stream().map(WordStartPattern::pattern).toList());
        out.add(IntentRules.PROTECTIVE_ACTION.pattern());
        out.add(AuthorizationClaimDetector.claimPattern().pattern());
        return out;
    }

    private static java.util.Set<String> strings(String regex) {
        MatchPrefixes p = MatchPrefixes.of(Pattern.compile(regex));
        assertThat(p).as(regex).isNotNull();
        return p.strings();
    }

    private static String randomText(Random r, String alphabet, int maxLength) {
        StringBuilder b = new StringBuilder();
        for (int i = r.nextInt(maxLength + 1); i > 0; i--) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    /** A random expression over a, b, '-', ' ', '\'' with classes, escapes, groups, look-arounds and quantifiers. */
    static String randomRegex(Random r, int depth) {
        StringBuilder b = new StringBuilder();
        int alternatives = 1 + (r.nextInt(4) == 0 ? r.nextInt(3) : 0);
        for (int a = 0; a < alternatives; a++) {
            if (a > 0) {
                b.append('|');
            }
            for (int n = 1 + r.nextInt(4); n > 0; n--) {
                b.append(randomAtom(r, depth));
            }
        }
        return b.toString();
    }

    private static String randomAtom(Random r, int depth) {
        String atom = switch (r.nextInt(depth > 0 ? 14 : 10)) {
            case 0, 1, 2 -> String.valueOf("ab- '".charAt(r.nextInt(5)));
            case 3 -> "\\b";
            case 4 -> "[ab]";
            case 5 -> "[a-b'\\-]";
            case 6 -> "\\w";
            case 7 -> "\\s";
            case 8 -> "\\.";
            case 9 -> r.nextBoolean() ? "[^a]" : "\\B";
            case 10 -> "(" + randomRegex(r, depth - 1) + ")";
            case 11 -> "(?:" + randomRegex(r, depth - 1) + ")";
            case 12 -> (r.nextBoolean() ? "(?<!" : "(?=") + "a" + ")";
            default -> "(?:" + randomRegex(r, depth - 1) + ")";
        };
        if (atom.equals("\\b") || atom.equals("\\B") || atom.startsWith("(?<") || atom.startsWith("(?=")) {
            return atom;
        }
        return atom + switch (r.nextInt(10)) {
            case 0 -> "?";
            case 1 -> "*";
            case 2 -> "+";
            case 3 -> "{2}";
            case 4 -> "{0,3}?";
            case 5 -> "{1,}";
            default -> "";
        };
    }
}
