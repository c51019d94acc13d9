package dev.refusalguard.policies;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites sensitive terms into neutral equivalents outside the agent's evidence.
 *
 * <p>Matching is case-insensitive on whole words (a term glued to letters, digits, '_', '-', '@', '/', '\' or a
 * file extension is left alone); spaces inside multi-word terms also match hyphens. The replacement takes the case
 * style of the original (lower, Capitalised, Title Case, UPPER), an "a"/"an" directly before it is corrected, and
 * nothing inside an {@link EvidenceSpans evidence span} is touched. Neutral texts contain no sensitive term, so
 * rephrasing is idempotent. Immutable and thread-safe.
 */
public final class Rephraser {

    private static final Set<String> SMALL_WORDS = Set.of("a", "an", "and", "of", "the", "to", "in", "for", "or", "into");

    private final Map<TaskCategory, TermMatcher> compiled = new EnumMap<>(TaskCategory.class);
    private final TermMatcher union;

    public Rephraser(SensitiveTermLexicon lexicon) {
        Map<String, LexiconEntry> everyForm = new HashMap<>();
        for (TaskCategory category : TaskCategory.values()) {
            List<LexiconEntry> entries = lexicon.entries(category);
            compiled.put(category, new TermMatcher(entries));
            for (LexiconEntry e : entries) {
                e.forms().keySet().forEach(form -> everyForm.putIfAbsent(form, e));
            }
        }
        List<LexiconEntry> distinct = new ArrayList<>(new LinkedHashSet<>(everyForm.values()));
        this.union = new TermMatcher(distinct);
    }

    /** Rewrites {@code text} with the terms of {@code category}; evidence spans stay byte-identical. */
    public Rephrasing rephrase(String text, TaskCategory category) {
        TermMatcher terms = compiled.get(category == null ? TaskCategory.OTHER : category);
        List<TermMatcher.Match> matches = terms.find(text, true);
        if (matches.isEmpty()) {
            return new Rephrasing(text, text, List.of());
        }
        List<EvidenceSpan> spans = EvidenceSpans.find(text);
        List<TermReplacement> replacements = new ArrayList<>();
        StringBuilder out = new StringBuilder(text.length() + 64);
        int copied = 0;
        for (TermMatcher.Match m : matches) {
            int start = m.start();
            int end = m.end();
            if (EvidenceSpans.overlapsAny(spans, start, end)) {
                continue;
            }
            String matched = text.substring(start, end);
            String styled = m.acronym()
                    ? (atSentenceStart(text, start) ? capitalise(m.neutral()) : m.neutral())
                    : styleLike(matched, m.neutral());
            int replaceFrom = start;
            String replacement = styled;
            int article = articleStart(text, start, copied);
            if (article >= 0 && !EvidenceSpans.overlapsAny(spans, article, start)) {
                String oldArticle = text.substring(article, start - 1);
                String newArticle = articleFor(styled, oldArticle);
                if (!newArticle.equals(oldArticle)) {
                    replaceFrom = article;
                    replacement = newArticle + " " + styled;
                }
            }
            out.append(text, copied, replaceFrom).append(replacement);
            copied = end;
            replacements.add(new TermReplacement(m.term(), replacement, replaceFrom, end));
        }
        if (replacements.isEmpty()) {
            return new Rephrasing(text, text, List.of());
        }
        out.append(text, copied, text.length());
        return new Rephrasing(text, out.toString(), replacements);
    }

    /**
     * Canonical terms found anywhere in {@code text} (evidence included: the model reads it too), in order of first
     * appearance, each once.
     */
    public List<String> sensitiveTerms(String text) {
        Set<String> found = new LinkedHashSet<>();
        for (TermMatcher.Match m : union.find(text, false)) {
            found.add(m.term());
        }
        return List.copyOf(found);
    }

    /** Start of an "a"/"an" (with one space) directly before {@code start}, not before {@code floor}, or -1. */
    private static int articleStart(String text, int start, int floor) {
        if (start < 2 || text.charAt(start - 1) != ' ') {
            return -1;
        }
        int i = start - 2;
        int wordEnd = i + 1;
        while (i >= 0 && Character.isLetter(text.charAt(i))) {
            i--;
        }
        int wordStart = i + 1;
        if (wordStart < floor) {
            return -1;
        }
        String word = text.substring(wordStart, wordEnd);
        if (!word.equalsIgnoreCase("a") && !word.equalsIgnoreCase("an")) {
            return -1;
        }
        if (i >= 0 && (Character.isLetterOrDigit(text.charAt(i)) || "_-@/\\.'".indexOf(text.charAt(i)) >= 0)) {
            return -1;
        }
        return wordStart;
    }

    private static String articleFor(String following, String oldArticle) {
        String lower = following.toLowerCase(Locale.ROOT);
        boolean vowelSound = !lower.isEmpty() && "aeiou".indexOf(lower.charAt(0)) >= 0
                && !lower.startsWith("us") && !lower.startsWith("uni") && !lower.startsWith("one");
        String article = vowelSound ? "an" : "a";
        if (oldArticle.equals(oldArticle.toUpperCase(Locale.ROOT)) && oldArticle.length() > 1) {
            return article.toUpperCase(Locale.ROOT);
        }
        return Character.isUpperCase(oldArticle.charAt(0)) ? capitalise(article) : article;
    }

    private static boolean atSentenceStart(String text, int start) {
        int i = start - 1;
        while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i--;
        }
        return i < 0 || ".!?\n:".indexOf(text.charAt(i)) >= 0;
    }

    /** Gives {@code neutral} the case style of {@code original}. */
    static String styleLike(String original, String neutral) {
        int letters = 0;
        int upper = 0;
        for (int i = 0; i < original.length(); i++) {
            char c = original.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                if (Character.isUpperCase(c)) {
                    upper++;
                }
            }
        }
        if (letters >= 2 && upper == letters) {
            return neutral.toUpperCase(Locale.ROOT);
        }
        if (letters == 0 || !Character.isUpperCase(firstLetter(original))) {
            return neutral;
        }
        String[] words = original.split("[\\s-]+");
        boolean titleCase = words.length > 1;
        for (String w : words) {
            if (!w.isEmpty() && Character.isLetter(w.charAt(0)) && !Character.isUpperCase(w.charAt(0))
                    && !SMALL_WORDS.contains(w.toLowerCase(Locale.ROOT))) {
                titleCase = false;
            }
        }
        return titleCase ? titleCase(neutral) : capitalise(neutral);
    }

    private static char firstLetter(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isLetter(s.charAt(i))) {
                return s.charAt(i);
            }
        }
        return ' ';
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String titleCase(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean first = true;
        for (String word : s.split(" ", -1)) {
            if (!first) {
                b.append(' ');
            }
            b.append(first || !SMALL_WORDS.contains(word) ? capitaliseHyphenated(word) : word);
            first = false;
        }
        return b.toString();
    }

    private static String capitaliseHyphenated(String word) {
        StringBuilder b = new StringBuilder(word.length());
        for (String part : word.split("-", -1)) {
            if (b.length() > 0) {
                b.append('-');
            }
            b.append(capitalise(part));
        }
        return b.toString();
    }
}
