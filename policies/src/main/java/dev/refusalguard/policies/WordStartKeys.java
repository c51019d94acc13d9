package dev.refusalguard.policies;

/**
 * The first two and first three chars at each possible word start of a text, hashed into a bitmap: a quick
 * necessary test for a literal that a {@code \b} must precede ({@link #mayStartAWord}). A possible word start is
 * the text's start or a position after a char that is not an ASCII letter, digit or underscore (a non-ASCII char
 * counts, whatever {@code \b} later decides about it). Built once per text; immutable after.
 */
final class WordStartKeys {

    private static final int BITS = 1 << 15;

    private final long[] bits = new long[BITS / 64];

    WordStartKeys(String text) {
        int len = text.length();
        for (int p = 0; p + 1 < len; p++) {
            if (p > 0 && isAsciiWordChar(text.charAt(p - 1))) {
                continue;
            }
            set(key2(text.charAt(p), text.charAt(p + 1)));
            if (p + 2 < len) {
                set(key3(text.charAt(p), text.charAt(p + 1), text.charAt(p + 2)));
            }
        }
    }

    /**
     * False when {@code literal} certainly starts at no possible word start of the text (by its first two or three
     * chars); true otherwise, and always for a one-char literal.
     */
    boolean mayStartAWord(String literal) {
        int n = literal.length();
        if (n < 2) {
            return true;
        }
        int key = n == 2 ? key2(literal.charAt(0), literal.charAt(1))
                : key3(literal.charAt(0), literal.charAt(1), literal.charAt(2));
        return (bits[key >>> 6] & (1L << key)) != 0;
    }

    private void set(int key) {
        bits[key >>> 6] |= 1L << key;
    }

    private static int key2(char a, char b) {
        return (a * 0x9e3779b1 + b * 0x85ebca6b) >>> 17;
    }

    private static int key3(char a, char b, char c) {
        return ((a * 31 + b) * 0x9e3779b1 + c * 0xc2b2ae35 + 0x27d4eb2f) >>> 17;
    }

    private static boolean isAsciiWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
}
