package dev.refusalguard.policies;

/**
 * The set of adjacent char pairs of a text, as a bitmap (ASCII pairs exactly, other chars folded to their low 7
 * bits), for a quick necessary test before a substring search: a string can only occur in the text when every one of
 * its adjacent pairs does ({@link #mayContain}). Built once per text; not thread-safe while being built, immutable
 * after.
 */
final class CharPairs {

    private final long[] bits = new long[(1 << 14) / 64];

    CharPairs(String text) {
        int len = text.length();
        if (len < 2) {
            return;
        }
        int prev = text.charAt(0) & 0x7f;
        for (int i = 1; i < len; i++) {
            int c = text.charAt(i) & 0x7f;
            int h = (prev << 7) | c;
            bits[h >>> 6] |= 1L << h;
            prev = c;
        }
    }

    /** False when {@code s} certainly does not occur in the text (some pair of it is absent); true otherwise. */
    boolean mayContain(String s) {
        for (int i = 1; i < s.length(); i++) {
            int h = ((s.charAt(i - 1) & 0x7f) << 7) | (s.charAt(i) & 0x7f);
            if ((bits[h >>> 6] & (1L << h)) == 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether any of {@code strings} may occur ({@link #mayContain}). */
    boolean mayContainAny(String[] strings) {
        for (String s : strings) {
            if (mayContain(s)) {
                return true;
            }
        }
        return false;
    }
}
