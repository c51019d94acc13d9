package dev.refusalguard.classifier.text;

/**
 * MurmurHash3 x86_32 (Austin Appleby's public-domain algorithm), written for this project. {@link #hashChars}
 * hashes the UTF-16LE bytes of a char range without allocating, so the result equals
 * {@code murmur3_32(s.getBytes(UTF_16LE), seed)} in any other implementation.
 */
public final class Murmur3 {

    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;

    private Murmur3() {
    }

    /** Hash of the UTF-16LE bytes of {@code s[start, end)}. */
    public static int hashChars(CharSequence s, int start, int end, int seed) {
        int h = seed;
        int i = start;
        for (; i + 1 < end; i += 2) {
            int k = (s.charAt(i) & 0xffff) | (s.charAt(i + 1) << 16);
            h = mixH(h, mixK(k));
        }
        if (i < end) {
            h ^= mixK(s.charAt(i) & 0xffff);
        }
        return fmix(h ^ ((end - start) * 2));
    }

    /** Hash of the UTF-16LE bytes of a whole string. */
    public static int hashChars(CharSequence s, int seed) {
        return hashChars(s, 0, s.length(), seed);
    }

    /** Hash of a byte array (standard x86_32). */
    public static int hashBytes(byte[] data, int seed) {
        int h = seed;
        int n = data.length;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            int k = (data[i] & 0xff) | (data[i + 1] & 0xff) << 8 | (data[i + 2] & 0xff) << 16 | (data[i + 3] & 0xff) << 24;
            h = mixH(h, mixK(k));
        }
        int k = 0;
        switch (n & 3) {
            case 3:
                k ^= (data[i + 2] & 0xff) << 16;
                // fall through
            case 2:
                k ^= (data[i + 1] & 0xff) << 8;
                // fall through
            case 1:
                k ^= data[i] & 0xff;
                h ^= mixK(k);
                break;
            default:
                break;
        }
        return fmix(h ^ n);
    }

    /**
     * Hash of two ints, equal to murmur3_32 over their 8 little-endian bytes ({@code a} first). Combines the hashes
     * of two words into a bigram feature without building the bigram string.
     */
    public static int hashInts(int a, int b, int seed) {
        int h = mixH(seed, mixK(a));
        h = mixH(h, mixK(b));
        return fmix(h ^ 8);
    }

    /**
     * One step of incremental hashing where every char is its own 4-byte block (zero-extended UTF-16 code unit):
     * feed chars with {@code h = step(h, c)} starting from the seed, then {@link #finish(int, int)} with the number of
     * chars. Equals murmur3_32 over the chars as little-endian 32-bit values; lets one pass produce the hashes of all
     * n-grams starting at a position.
     */
    public static int step(int h, char c) {
        return mixH(h, mixK(c));
    }

    /** Finalises an incremental hash of {@code chars} chars (see {@link #step}). */
    public static int finish(int h, int chars) {
        return fmix(h ^ (chars * 4));
    }

    private static int mixK(int k) {
        k *= C1;
        k = Integer.rotateLeft(k, 15);
        return k * C2;
    }

    private static int mixH(int h, int k) {
        h ^= k;
        h = Integer.rotateLeft(h, 13);
        return h * 5 + 0xe6546b64;
    }

    private static int fmix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
