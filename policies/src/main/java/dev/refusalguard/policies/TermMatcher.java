package dev.refusalguard.policies;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds lexicon surface forms in a text by scanning word tokens (much cheaper than one large case-insensitive
 * regular expression). Multi-word forms match across spaces, tabs and hyphens; the longest form starting at a
 * token wins; a kept form ("shell script") that wins is skipped. Strict mode adds the rephraser's boundaries: no match glued to '-', '@', '/', '\', '.' before it, or
 * to '-', '@', '/', '\', '=' or a file extension after it (except a hyphen before an English compound suffix:
 * "ransomware-like", "exploit-based"), and '_' joins words. Loose mode only requires letter
 * and digit boundaries. Immutable and thread-safe.
 */
final class TermMatcher {

    /** A match {@code [start, end)} of a form whose canonical term, neutral text and acronym flag are given. */
    record Match(int start, int end, String term, String neutral, boolean acronym) {
    }

    /** A surface form; {@code neutral} is null for a kept (not sensitive) form. */
    private record Candidate(String[] words, String term, String neutral, boolean acronym) {
    }

    /** Words that, after a hyphen, make a compound adjective of the term before them. */
    private static final Set<String> COMPOUND_SUFFIXES = Set.of("like", "related", "based", "style", "type",
            "infected", "laden", "specific", "driven", "linked", "associated", "affected", "delivered", "borne",
            "enabled", "capable", "focused", "centric", "heavy", "dropping", "deploying", "operated", "powered");
    private static final int MAX_SUFFIX_LENGTH = 10;

    private final Map<String, List<Candidate>> byFirstWord = new HashMap<>();
    private final boolean[] firstChars = new boolean[128];
    private boolean nonAsciiFirst;
    /** First words of one char. */
    private final boolean[] oneCharFirstWords = new boolean[128];
    /** First words of two chars, as (first, second) char pairs. */
    private final boolean[] twoCharFirstWords = new boolean[128 * 128];
    /** The first three chars of the first words of three or more chars, hashed into a bitmap ({@link #tripleBit}). */
    private final long[] firstTriples = new long[1 << 10];
    private int longestFirstWord;
    /** Whether every first word is ASCII (the pair and length pre-check is sound only then, see {@link #mayBeFirstWord}). */
    private boolean asciiFirstWords = true;

    TermMatcher(List<LexiconEntry> entries) {
        for (LexiconEntry e : entries) {
            for (Map.Entry<String, String> form : e.forms().entrySet()) {
                add(form.getKey(), new Candidate(form.getKey().split(" "), e.term(), form.getValue(), e.acronym()));
            }
            for (String kept : e.keep()) {
                add(kept, new Candidate(kept.split(" "), e.term(), null, e.acronym()));
            }
        }
        Comparator<Candidate> longestFirst = Comparator.comparingInt((Candidate c) -> c.words.length).reversed()
                .thenComparing(c -> -String.join(" ", c.words).length());
        byFirstWord.values().forEach(list -> list.sort(longestFirst));
    }

    private void add(String form, Candidate candidate) {
        String first = candidate.words[0];
        byFirstWord.computeIfAbsent(first, k -> new ArrayList<>()).add(candidate);
        char c = first.charAt(0);
        if (c < 128) {
            firstChars[c] = true;
        } else {
            nonAsciiFirst = true;
        }
        longestFirstWord = Math.max(longestFirstWord, first.length());
        if (!first.chars().allMatch(x -> x < 128)) {
            asciiFirstWords = false;
        } else if (first.length() == 1) {
            oneCharFirstWords[c] = true;
        } else if (first.length() == 2) {
            twoCharFirstWords[(c << 7) | first.charAt(1)] = true;
        } else {
            int bit = tripleBit(c, first.charAt(1), first.charAt(2));
            firstTriples[bit >>> 6] |= 1L << bit;
        }
    }

    private static int tripleBit(char a, char b, char c) {
        return ((a * 31 + b) * 31 + c) & 0xffff;
    }

    /**
     * Whether the token {@code [start, end)}, whose lower-cased first char is the ASCII {@code first}, may lower-case
     * (as {@code toLowerCase(Locale.ROOT)}) to a first word, judged without building the lower-cased string: when
     * every first word is ASCII, a token that lower-cases to one has the same length and lower-cases char by char
     * to it (the only chars whose lower case is longer, dotted capital I and final sigma, give non-ASCII chars), so
     * its length and its first chars must fit (one or two chars exactly, the first three of longer words by a
     * hashed bitmap, where a collision only lets a token through to the lookup).
     */
    private boolean mayBeFirstWord(String text, int start, int end, char first) {
        if (!asciiFirstWords) {
            return true;
        }
        int length = end - start;
        if (length > longestFirstWord) {
            return false;
        }
        if (length == 1) {
            return oneCharFirstWords[first];
        }
        char second = Character.toLowerCase(text.charAt(start + 1));
        if (second >= 128) {
            return false;
        }
        if (length == 2) {
            return twoCharFirstWords[(first << 7) | second];
        }
        char third = Character.toLowerCase(text.charAt(start + 2));
        int bit = tripleBit(first, second, third);
        return third < 128 && (firstTriples[bit >>> 6] & (1L << bit)) != 0;
    }

    List<Match> find(String text, boolean strict) {
        List<Match> matches = null;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (!isTokenChar(c, strict)) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && isTokenChar(text.charAt(i), strict)) {
                i++;
            }
            char first = Character.toLowerCase(c);
            if (first < 128 ? !firstChars[first] : !nonAsciiFirst) {
                continue;
            }
            if (strict && start > 0 && "-@/\\.".indexOf(text.charAt(start - 1)) >= 0) {
                continue;
            }
            if (!mayBeFirstWord(text, start, i, first)) {
                continue;
            }
            List<Candidate> candidates = byFirstWord.get(text.substring(start, i).toLowerCase(Locale.ROOT));
            if (candidates == null) {
                continue;
            }
            for (Candidate candidate : candidates) {
                int end = matchRest(text, i, candidate.words, strict);
                if (end >= 0 && (!strict || strictEnd(text, end))) {
                    if (candidate.neutral == null) {
                        i = end; // a kept form ("shell script"): not sensitive, left as written
                        break;
                    }
                    if (matches == null) {
                        matches = new ArrayList<>();
                    }
                    matches.add(new Match(start, end, candidate.term, candidate.neutral, candidate.acronym));
                    i = end;
                    break;
                }
            }
        }
        return matches == null ? List.of() : matches;
    }

    /** Matches words[1..] after a first word ending at {@code pos}; returns the end offset or -1. */
    private static int matchRest(String text, int pos, String[] words, boolean strict) {
        int n = text.length();
        for (int w = 1; w < words.length; w++) {
            int p = pos;
            while (p < n && (text.charAt(p) == ' ' || text.charAt(p) == '\t')) {
                p++;
            }
            if (p < n && text.charAt(p) == '-') {
                p++;
                while (p < n && (text.charAt(p) == ' ' || text.charAt(p) == '\t')) {
                    p++;
                }
            }
            if (p == pos) {
                return -1;
            }
            String word = words[w];
            int end = p + word.length();
            if (end > n || !text.regionMatches(true, p, word, 0, word.length())
                    || (end < n && isTokenChar(text.charAt(end), strict))) {
                return -1;
            }
            pos = end;
        }
        return pos;
    }

    private static boolean strictEnd(String text, int end) {
        if (end >= text.length()) {
            return true;
        }
        char next = text.charAt(end);
        if (next == '-') {
            return compoundSuffixFollows(text, end + 1);
        }
        if ("@/\\=".indexOf(next) >= 0) {
            return false;
        }
        return !(next == '.' && end + 1 < text.length() && isTokenChar(text.charAt(end + 1), true));
    }

    /**
     * An English compound suffix ("ransomware-like", "exploit-based") starts at {@code from} and is itself followed
     * by a strict word end: the term before the hyphen is prose, not part of an identifier such as "exploit-db".
     */
    private static boolean compoundSuffixFollows(String text, int from) {
        int end = from;
        while (end < text.length() && Character.isLetter(text.charAt(end))) {
            end++;
        }
        if (end == from || end - from > MAX_SUFFIX_LENGTH
                || !COMPOUND_SUFFIXES.contains(text.substring(from, end).toLowerCase(Locale.ROOT))) {
            return false;
        }
        return end >= text.length() || (!isTokenChar(text.charAt(end), true) && strictEnd(text, end));
    }

    private static boolean isTokenChar(char c, boolean strict) {
        return Character.isLetterOrDigit(c) || c == '&' || (strict && c == '_');
    }
}
