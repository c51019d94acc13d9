package dev.refusalguard.policies;

import java.util.ArrayList;
import java.util.List;

/**
 * A regular expression that is only literals, each with an optional {@code \b} before and after, joined by top-level
 * {@code |} (for example {@code \bstig\b}, {@code \bmisconfigur}, {@code \bmfa\b|multi-factor}), matched with
 * {@link String#indexOf} and explicit word-boundary checks instead of the regex engine. Word boundaries follow
 * {@link java.util.regex.Pattern}'s default {@code \b}: a word character is a letter, a digit or {@code _}, and a
 * non-spacing mark that follows a letter or digit counts as part of the word.
 */
final class LiteralPattern {

    private final String[] literals;
    private final boolean[] boundaryBefore;
    private final boolean[] boundaryAfter;

    private LiteralPattern(String[] literals, boolean[] boundaryBefore, boolean[] boundaryAfter) {
        this.literals = literals;
        this.boundaryBefore = boundaryBefore;
        this.boundaryAfter = boundaryAfter;
    }

    /** The literal form of {@code regex}, or null when it uses anything but literals, {@code \b} and top-level |. */
    static LiteralPattern parse(String regex) {
        List<String> lits = new ArrayList<>();
        List<Boolean> before = new ArrayList<>();
        List<Boolean> after = new ArrayList<>();
        for (String alt : regex.split("\\|", -1)) {
            boolean b = alt.startsWith("\\b");
            String s = b ? alt.substring(2) : alt;
            boolean a = s.endsWith("\\b");
            s = a ? s.substring(0, s.length() - 2) : s;
            if (s.isEmpty() || !plain(s)) {
                return null;
            }
            // a \b next to a non-word literal char means something else; keep those on the regex engine
            if ((b && !isWordChar(s.charAt(0))) || (a && !isWordChar(s.charAt(s.length() - 1)))) {
                return null;
            }
            lits.add(s);
            before.add(b);
            after.add(a);
        }
        boolean[] bb = new boolean[lits.size()];
        boolean[] ab = new boolean[lits.size()];
        for (int i = 0; i < bb.length; i++) {
            bb[i] = before.get(i);
            ab[i] = after.get(i);
        }
        return new LiteralPattern(lits.toArray(new String[0]), bb, ab);
    }

    /** Whether a {@code \b} precedes every literal. */
    boolean everyLiteralAfterBoundary() {
        for (boolean b : boundaryBefore) {
            if (!b) {
                return false;
            }
        }
        return true;
    }

    /** The literals, one of which every match contains. */
    String[] literals() {
        return literals.clone();
    }

    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' ' || c == '-' || c == '\'' || c == '&'
                    || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** Whether the pattern occurs in {@code text}, exactly as {@code Pattern.compile(regex).matcher(text).find()}. */
    boolean find(String text) {
        for (int k = 0; k < literals.length; k++) {
            String lit = literals[k];
            for (int at = text.indexOf(lit); at >= 0; at = text.indexOf(lit, at + 1)) {
                if ((!boundaryBefore[k] || !wordBefore(text, at))
                        && (!boundaryAfter[k] || !wordAt(text, at + lit.length()))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the code point ending just before {@code i} is part of a word (Pattern's \b left side). */
    private static boolean wordBefore(String text, int i) {
        if (i <= 0) {
            return false;
        }
        char before = text.charAt(i - 1);
        if (before < 128) {
            return isAsciiWordChar(before); // an ASCII char is never a mark or half of a surrogate pair
        }
        int cp = Character.codePointBefore(text, i);
        return isWordChar(cp) || (Character.getType(cp) == Character.NON_SPACING_MARK
                && hasBaseCharacter(text, i - 1));
    }

    /** Whether the code point starting at {@code i} is part of a word (Pattern's \b right side). */
    private static boolean wordAt(String text, int i) {
        if (i >= text.length()) {
            return false;
        }
        char at = text.charAt(i);
        if (at < 128) {
            return isAsciiWordChar(at);
        }
        int cp = Character.codePointAt(text, i);
        return isWordChar(cp) || (Character.getType(cp) == Character.NON_SPACING_MARK && hasBaseCharacter(text, i));
    }

    /** A run of non-spacing marks ending at {@code i} follows a letter or digit. */
    private static boolean hasBaseCharacter(String text, int i) {
        for (int x = i; x >= 0; x--) {
            int cp = Character.codePointAt(text, x);
            if (Character.isLetterOrDigit(cp)) {
                return true;
            }
            if (Character.getType(cp) != Character.NON_SPACING_MARK) {
                return false;
            }
        }
        return false;
    }

    private static boolean isAsciiWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    private static boolean isWordChar(int cp) {
        return cp == '_' || Character.isLetterOrDigit(cp);
    }
}
