package dev.refusalguard.policies;

import java.util.ArrayList;
import java.util.List;

/**
 * Sentence splitting and tokenising for {@link HardOffensiveCues}, written out by hand instead of run through the
 * regex engine (a character loop per text, no matcher): {@link #sentences} gives exactly
 * {@code Pattern.compile("(?<=[.!?])\\s+|\\n+").split(text)} and {@link #tokens} exactly the matches of
 * {@code [a-z0-9][a-z0-9'+#_.-]*[a-z0-9]|[a-z0-9]|[,;:()]} found by {@code Matcher.find()} (tests compare both with
 * the expressions on generated texts).
 */
final class CueText {

    /** A token of a sentence and its offsets in it. */
    record Token(String word, int start, int end) {
    }

    private CueText() {
    }

    /**
     * The sentences of {@code text}: split where whitespace follows '.', '!' or '?' (the whole whitespace run is the
     * separator) and at runs of newlines; like {@link java.util.regex.Pattern#split(CharSequence)}, a separator at
     * the very start leaves an empty first sentence, trailing empty sentences are dropped, and a text without a
     * separator is one sentence.
     */
    static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        int len = text.length();
        int start = 0;
        int i = 0;
        while (i < len) {
            char c = text.charAt(i);
            if (c > ' ') { // no separator starts above the space char
                i++;
                continue;
            }
            int end;
            if (isRegexSpace(c) && i > 0 && isSentenceMark(text.charAt(i - 1))) {
                end = i + 1;
                while (end < len && isRegexSpace(text.charAt(end))) {
                    end++;
                }
            } else if (c == '\n') {
                end = i + 1;
                while (end < len && text.charAt(end) == '\n') {
                    end++;
                }
            } else {
                i++;
                continue;
            }
            out.add(text.substring(start, i));
            start = end;
            i = end;
        }
        if (out.isEmpty()) {
            out.add(text);
            return out;
        }
        out.add(text.substring(start));
        int size = out.size();
        while (size > 0 && out.get(size - 1).isEmpty()) {
            out.remove(--size);
        }
        return out;
    }

    /** End of the word token starting at the letter/digit {@code start}: just after its last letter or digit. */
    private static int tokenEnd(String s, int start) {
        int len = s.length();
        int lastAlnum = start;
        for (int j = start + 1; j < len && isInner(s.charAt(j)); j++) {
            if (isAlnum(s.charAt(j))) {
                lastAlnum = j;
            }
        }
        return lastAlnum + 1;
    }

    /** The tokens of {@code s}: a run of [a-z0-9'+#_.-] from a letter/digit to its last letter/digit, or one of ,;:(). */
    static List<Token> tokens(String s) {
        List<Token> out = new ArrayList<>();
        int len = s.length();
        int i = 0;
        while (i < len) {
            char c = s.charAt(i);
            if (isAlnum(c)) {
                int end = tokenEnd(s, i);
                out.add(new Token(s.substring(i, end), i, end));
                i = end;
            } else if (c == ',' || c == ';' || c == ':' || c == '(' || c == ')') {
                out.add(new Token(String.valueOf(c), i, i + 1));
                i++;
            } else {
                i++;
            }
        }
        return out;
    }

    /**
     * Whether some token of {@code s} (as {@link #tokens} gives them) is one of {@code words}, found without building
     * the tokens: the same scan, with each token's {@link String#hashCode()} computed in place and looked up among
     * the words' hashes, then compared char by char.
     */
    static boolean anyTokenIn(String s, WordHashes words) {
        int len = s.length();
        int i = 0;
        while (i < len) {
            char c = s.charAt(i);
            if (isAlnum(c)) {
                int end = tokenEnd(s, i);
                if (words.containsRegion(s, i, end)) {
                    return true;
                }
                i = end;
            } else {
                i++;
            }
        }
        return false;
    }

    /** A set of words looked up by a region of a text, without building a String for the region. */
    static final class WordHashes {
        private final int[] hashes;
        private final String[] words;

        WordHashes(java.util.Collection<String> set) {
            String[] sorted = set.stream().sorted(java.util.Comparator.comparingInt(String::hashCode)).toArray(String[]::new);
            this.words = sorted;
            this.hashes = new int[sorted.length];
            for (int k = 0; k < sorted.length; k++) {
                hashes[k] = sorted[k].hashCode();
            }
        }

        boolean containsRegion(String s, int start, int end) {
            int h = 0;
            for (int k = start; k < end; k++) {
                h = 31 * h + s.charAt(k);
            }
            int at = java.util.Arrays.binarySearch(hashes, h);
            if (at < 0) {
                return false;
            }
            while (at > 0 && hashes[at - 1] == h) {
                at--;
            }
            for (; at < hashes.length && hashes[at] == h; at++) {
                String w = words[at];
                if (w.length() == end - start && s.regionMatches(start, w, 0, w.length())) {
                    return true;
                }
            }
            return false;
        }
    }

    private static boolean isAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static boolean isInner(char c) {
        return isAlnum(c) || c == '\'' || c == '+' || c == '#' || c == '_' || c == '.' || c == '-';
    }

    /** {@code \s} without flags: space, tab, newline, vertical tab, form feed, carriage return. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }

    private static boolean isSentenceMark(char c) {
        return c == '.' || c == '!' || c == '?';
    }
}
