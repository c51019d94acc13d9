package dev.refusalguard.classifier.text;

import java.util.Arrays;

/**
 * Text to hashed sparse features, with no allocation beyond the result ({@link #featurize}) or none at all
 * ({@link #withFeatures}). Thread-safe (scratch space is per thread).
 *
 * <p>Hashing: a word or character n-gram hashes as MurmurHash3 x86_32 over its chars, each char zero-extended to a
 * little-endian 32-bit block ({@link Murmur3#step}/{@link Murmur3#finish}), with a seed per feature kind; the bucket
 * is the low bits of the hash ({@code hash & (dims - 1)}).
 *
 * <p>Steps: take the first {@code maxChars} characters; lower-case (Locale-independent {@link Character#toLowerCase}),
 * map typographic quotes to ASCII, collapse whitespace runs to one space, pad with one space at each end. Features
 * (each hashed with {@link Murmur3} into {@code dims} buckets, namespaced by seed):
 * <ul>
 *   <li>word unigrams: maximal runs of letters, digits and inner apostrophes; each Chinese, Japanese or Korean
 *       character is a word of its own;</li>
 *   <li>word bigrams, including (start-of-text, first word): murmur3 of the two word hashes;</li>
 *   <li>opening words: each of the first {@code openingWords} words tagged with its position;</li>
 *   <li>character n-grams, n in [charMinN, charMaxN], over the first {@code charMaxChars} normalised characters.</li>
 * </ul>
 * Values: {@code 1 + ln(count)} per bucket, then the vector is scaled to unit L2 norm.
 *
 * <p>Whole-answer block ({@code tailChars > 0}, complete texts only, {@link #featurize(CharSequence, boolean)}): word
 * unigrams and bigrams of the text's last {@code tailChars} characters (its closing; a word cut by the start of that
 * range is skipped; a start marker and an end marker take part in the first and last bigram) and shape features (length,
 * lines, list items and code-fence buckets), each in namespaces of their own, counted like the opening and scaled to an
 * L2 norm of {@code tailWeight}. It is added to the opening block, which is unchanged, so the opening part of a complete
 * text's vector is exactly the vector of that text read as an unfinished prefix.
 *
 * <p>Cost: counting is one load and one store per feature into a per-thread array of 16-bit counts indexed by bucket
 * ({@code dims} chars, 512 KiB at 2^18), cleared through the list of buckets touched; no hashing of buckets, no
 * probing. The last {@link String} featurised on a
 * thread is remembered by identity, so models sharing a featurizer ({@link #shared}) and reading the same text one
 * after the other (the request models' intent and category) featurise it once. Strings are immutable, so a hit is
 * always the same input.
 */
public final class HashedNgramFeaturizer {

    private static final int WORD_SEED = 0x1001;
    private static final int BIGRAM_SEED = 0x2002;
    private static final int OPENING_SEED = 0x3003;
    private static final int CHAR_SEED = 0x4004;
    private static final int BOS = 0x7fb5d329;
    private static final int TAIL_WORD_SEED = 0x5005;
    private static final int TAIL_BIGRAM_SEED = 0x6006;
    private static final int SHAPE_SEED = 0x7007;
    private static final int TAIL_BOS = 0x1b873593;
    private static final int TAIL_EOS = 0x38b34ae5;

    private static final java.util.concurrent.ConcurrentHashMap<FeaturizerSpec, HashedNgramFeaturizer> SHARED =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final FeaturizerSpec spec;
    private final int mask;
    private final ThreadLocal<Scratch> scratch;

    public HashedNgramFeaturizer(FeaturizerSpec spec) {
        this.spec = spec;
        this.mask = spec.dims() - 1;
        // the largest normalised text (maxChars + 2 padding spaces)
        int maxFeatures = featureBound(spec.maxChars() + 2);
        int tailFeatures = tailFeatureBound(spec.tailChars() + 2);
        if (Math.max(maxFeatures, tailFeatures) > Character.MAX_VALUE) {
            throw new IllegalArgumentException("a text could make " + Math.max(maxFeatures, tailFeatures)
                    + " feature counts under " + spec + "; at most 65535 are supported (lower maxChars or charMaxChars)");
        }
        int dims = spec.dims();
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(dims, maxFeatures, spec.maxChars() + 2,
                spec.wholeAnswer() ? new Scratch(dims, tailFeatures, spec.tailChars() + 2, null) : null));
    }

    /** One featurizer per spec for the whole process (so models with the same spec share the last-text memo). */
    public static HashedNgramFeaturizer shared(FeaturizerSpec spec) {
        return SHARED.computeIfAbsent(spec, HashedNgramFeaturizer::new);
    }

    public FeaturizerSpec spec() {
        return spec;
    }

    /** Features of a complete text (with the whole-answer block when the spec has one). */
    public SparseVector featurize(CharSequence text) {
        return featurize(text, true);
    }

    /**
     * Features of a text; {@code complete} false means the text is the unfinished opening of a longer one (a stream
     * prefix), which gets the opening block only.
     */
    public SparseVector featurize(CharSequence text, boolean complete) {
        Scratch s = scratch.get();
        if (compute(text, complete, s) && s.lastVector != null) {
            return s.lastVector;
        }
        SparseVector v = new SparseVector(Arrays.copyOf(s.outIdx, s.outSize), Arrays.copyOf(s.outVal, s.outSize));
        if (s.lastText != null) {
            s.lastVector = v;
        }
        return v;
    }

    /** Reads a feature vector from the featurizer's per-thread arrays. */
    @FunctionalInterface
    public interface FeatureReader<R> {
        /**
         * The vector of {@link #featurize(CharSequence, boolean)}: its first {@code size} indices and values. The arrays
         * belong to the featurizer and are valid only during the call; the reader must not keep them, change them, or
         * featurise on the same thread before it returns.
         */
        R read(int[] indices, float[] values, int size);
    }

    /**
     * The features of a text, as {@link #featurize(CharSequence, boolean)} computes them, handed to {@code reader} in
     * per-thread arrays instead of a new vector: no allocation for a caller that copies them on (the ONNX input
     * buffers). Allocation showed in the classifier's latency tail (fresh memory is cold in cache).
     */
    public <R> R withFeatures(CharSequence text, boolean complete, FeatureReader<R> reader) {
        Scratch s = scratch.get();
        compute(text, complete, s);
        return reader.read(s.outIdx, s.outVal, s.outSize);
    }

    /**
     * Leaves the features of {@code text} in {@code s}'s output arrays; true when they were already there (the same
     * String as the last call on this thread, read the same way).
     */
    private boolean compute(CharSequence text, boolean complete, Scratch s) {
        boolean whole = complete && spec.wholeAnswer();
        if (text instanceof String && text == s.lastText && whole == s.lastWhole) {
            return true;
        }
        s.lastText = null;
        s.lastVector = null;
        int len = normalize(text, s);
        s.reset();
        char[] buf = s.norm;
        // words
        int prev = BOS;
        int word = 0;
        int wordSeed = spec.seed() ^ WORD_SEED;
        int i = 0;
        while (i < len) {
            if (!isWordChar(buf[i])) {
                i++;
                continue;
            }
            int end = wordEnd(buf, i, len);
            int h = wordHash(buf, i, end, wordSeed);
            i = end;
            s.add(h & mask);
            s.add(Murmur3.hashInts(prev, h, spec.seed() ^ BIGRAM_SEED) & mask);
            if (word < spec.openingWords()) {
                s.add(Murmur3.hashInts(word, h, spec.seed() ^ OPENING_SEED) & mask);
            }
            prev = h;
            word++;
        }
        // characters: all n-grams starting at p, in one incremental pass
        int charLen = Math.min(len, spec.charMaxChars() + 1);
        int charSeed = spec.seed() ^ CHAR_SEED;
        int minN = spec.charMinN();
        int maxN = spec.charMaxN();
        for (int p = 0; p + minN <= charLen; p++) {
            int h = charSeed;
            int end = Math.min(charLen, p + maxN);
            for (int q = p; q < end; q++) {
                h = Murmur3.step(h, buf[q]);
                int n = q - p + 1;
                if (n >= minN) {
                    s.add(Murmur3.finish(h, n) & mask);
                }
            }
        }
        if (whole) {
            countWholeAnswerBlock(text, s.tail, s.norm, len);
            s.emitWith(s.tail, spec.tailWeight());
        } else {
            s.emit(1f);
        }
        if (text instanceof String) {
            s.lastText = text;
            s.lastWhole = whole;
        }
        return false;
    }

    /**
     * Counts the closing words and shape of a complete text into {@code t}; {@code openingNorm[0, openingLen)} is the
     * text's opening as {@link #compute} normalised it.
     */
    private void countWholeAnswerBlock(CharSequence text, Scratch t, char[] openingNorm, int openingLen) {
        int from = Math.max(0, text.length() - spec.tailChars());
        if (from > 0 && isWordChar(text.charAt(from - 1))) {
            while (from < text.length() && isWordChar(text.charAt(from))) {
                from++; // a word cut by the start of the range is not a word of the text
            }
        }
        char[] buf;
        int len;
        if (from == 0 && text.length() <= spec.maxChars() && text.length() <= spec.tailChars()) {
            // the closing range is the whole text, which the opening already normalised in full
            buf = openingNorm;
            len = openingLen;
        } else {
            len = normalize(text, from, text.length(), spec.tailChars(), t.raw, t.norm);
            buf = t.norm;
        }
        t.reset();
        int wordSeed = spec.seed() ^ TAIL_WORD_SEED;
        int bigramSeed = spec.seed() ^ TAIL_BIGRAM_SEED;
        int prev = TAIL_BOS;
        int i = 0;
        while (i < len) {
            if (!isWordChar(buf[i])) {
                i++;
                continue;
            }
            int end = wordEnd(buf, i, len);
            int h = wordHash(buf, i, end, wordSeed);
            i = end;
            t.add(h & mask);
            t.add(Murmur3.hashInts(prev, h, bigramSeed) & mask);
            prev = h;
        }
        if (prev != TAIL_BOS) {
            t.add(Murmur3.hashInts(prev, TAIL_EOS, bigramSeed) & mask);
        }
        AnswerShape.of(text).forEachFeature(f -> t.add(Murmur3.hashInts(f, 0, spec.seed() ^ SHAPE_SEED) & mask));
    }

    /**
     * End of the word starting at {@code start} (a letter or digit): a Chinese, Japanese or Korean char is a word of its
     * own (those scripts have no spaces); otherwise a maximal run of letters, digits and inner apostrophes.
     */
    private static int wordEnd(char[] buf, int start, int len) {
        if (isCjk(buf[start])) {
            return start + 1;
        }
        int i = start;
        while (i < len && !isCjk(buf[i])
                && (isWordChar(buf[i]) || (buf[i] == '\'' && i + 1 < len && isWordChar(buf[i + 1])))) {
            i++;
        }
        return i;
    }

    /** Murmur3 of the chars {@code buf[start, end)} (see {@link Murmur3#step}). */
    private static int wordHash(char[] buf, int start, int end, int seed) {
        int h = seed;
        for (int i = start; i < end; i++) {
            h = Murmur3.step(h, buf[i]);
        }
        return Murmur3.finish(h, end - start);
    }

    /** Features the last call on this thread could not count for lack of table room (for tests: always 0). */
    int droppedByLastCall() {
        Scratch s = scratch.get();
        return s.dropped + (s.tail == null ? 0 : s.tail.dropped);
    }

    /**
     * Upper bound on the distinct features of a normalised text of {@code len} chars: at most one word per char (a
     * Chinese, Japanese or Korean char is a word), each adding a unigram and a bigram, plus the opening words, plus
     * one n-gram per size at each position of the character-n-gram range. A tight bound keeps the counting table
     * small (in L1 cache for a 512-char text); it must never be low, since a full table drops features.
     */
    private int featureBound(int len) {
        int charPositions = Math.min(len, spec.charMaxChars() + 1);
        return 2 * len + spec.openingWords() + charPositions * (spec.charMaxN() - spec.charMinN() + 1) + 8;
    }

    /**
     * Upper bound on the counts of the whole-answer block of a normalised closing of {@code len} chars: a unigram and
     * a bigram per char at most, the end bigram, and the shape features.
     */
    private static int tailFeatureBound(int len) {
        return 2 * len + 1 + AnswerShape.MAX_FEATURES;
    }

    static boolean isCjk(char c) {
        // every range starts at or above 0x3040: one comparison settles Latin text
        return c >= 0x3040 && (c <= 0x30ff || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff)
                || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff));
    }

    private static boolean isWordChar(char c) {
        return c < 128 ? ASCII_WORD[c] : Character.isLetterOrDigit(c);
    }

    /** {@link Character#isLetterOrDigit} for the ASCII chars, looked up instead of computed. */
    private static final boolean[] ASCII_WORD = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_WORD[c] = Character.isLetterOrDigit(c);
        }
    }

    /** Normalises into {@code s.norm} (capacity maxChars + 2) and returns the length, including the padding spaces. */
    private int normalize(CharSequence text, Scratch s) {
        return normalize(text, 0, text.length(), spec.maxChars(), s.raw, s.norm);
    }

    /**
     * Normalises at most {@code max} chars of text[from, to) into {@code out} (capacity max + 2), copying them into
     * {@code raw} (capacity max) first: one bulk copy out of a String instead of a checked {@code charAt} per char.
     */
    private static int normalize(CharSequence text, int from, int to, int max, char[] raw, char[] out) {
        int n = Math.min(to, from + max);
        int len = n - from;
        if (text instanceof String str) {
            str.getChars(from, n, raw, 0);
        } else {
            for (int k = 0; k < len; k++) {
                raw[k] = text.charAt(from + k);
            }
        }
        int o = 0;
        out[o++] = ' ';
        boolean space = true;
        for (int i = 0; i < len; i++) {
            char c = raw[i];
            if (c < 128) {
                char m = ASCII_NORMAL[c];
                if (m == SPACE) {
                    if (!space) {
                        out[o++] = ' ';
                        space = true;
                    }
                } else {
                    out[o++] = m;
                    space = false;
                }
                continue;
            }
            if (Character.isWhitespace(c) || c == '\u00a0') {
                if (!space) {
                    out[o++] = ' ';
                    space = true;
                }
                continue;
            }
            switch (c) {
                case '\u2018', '\u2019', '\u02bc' -> c = '\'';
                case '\u201c', '\u201d', '\u00ab', '\u00bb' -> c = '"';
                default -> c = Character.toLowerCase(c);
            }
            out[o++] = c;
            space = false;
        }
        if (!space) {
            out[o++] = ' ';
        }
        return o;
    }

    /** Marks an ASCII whitespace char in {@link #ASCII_NORMAL} (no ASCII char normalises to it). */
    private static final char SPACE = '\uffff';

    /**
     * What each ASCII char normalises to: {@link #SPACE} for whitespace ({@link Character#isWhitespace}), an
     * apostrophe for the backtick, else {@link Character#toLowerCase}.
     */
    private static final char[] ASCII_NORMAL = new char[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_NORMAL[c] = Character.isWhitespace(c) ? SPACE : c == '\u0060' ? '\'' : Character.toLowerCase(c);
        }
    }

    /**
     * {@code 1 + ln(count)} as a float, looked up for the counts a text of a few KiB produces ({@link StrictMath#log}
     * is not an intrinsic and was a fifth of the featurisation time); the table holds exactly what
     * {@link #logWeight} computes, so features are unchanged.
     */
    private static final float[] LOG_WEIGHT = new float[256];

    static {
        for (int c = 1; c < LOG_WEIGHT.length; c++) {
            LOG_WEIGHT[c] = logWeight(c);
        }
    }

    private static float logWeight(int count) {
        return count == 1 ? 1f : (float) (1.0 + StrictMath.log(count));
    }

    /**
     * Per-thread counts, indexed by bucket: a 16-bit count per bucket of the hashed space and the list of buckets
     * touched since the last reset, in first-seen order (the order of the vector). A count is one load and one store at
     * the bucket, with no hashing or probing; a reset clears only the touched buckets.
     */
    private static final class Scratch {
        final char[] norm;
        /** The raw chars being normalised (capacity maxChars). */
        final char[] raw;
        /** Count per bucket; 0 for every bucket not in {@code used[0, size)}. */
        final char[] counts;
        /** Buckets counted since the last reset, in first-seen order. */
        final int[] used;
        /** Scratch of the whole-answer block (null when the spec has none). */
        final Scratch tail;
        int size;
        /** Features not counted because {@code used} was full since the last reset: always 0 (see featureBound). */
        int dropped;
        CharSequence lastText;
        boolean lastWhole;
        SparseVector lastVector;
        /** The last vector built from this table ({@link #emit}, {@link #emitWith}): its first {@code outSize} entries. */
        int[] outIdx = new int[0];
        float[] outVal = new float[0];
        int outSize;

        Scratch(int dims, int maxFeatures, int normCapacity, Scratch tail) {
            norm = new char[normCapacity];
            raw = new char[normCapacity];
            counts = new char[dims];
            used = new int[maxFeatures];
            this.tail = tail;
        }

        /** Clears the previous text's counts. */
        void reset() {
            dropped = 0;
            for (int i = 0; i < size; i++) {
                counts[used[i]] = 0;
            }
            size = 0;
        }

        void add(int bucket) {
            char c = counts[bucket];
            if (c == 0) {
                if (size == used.length) {
                    dropped++; // cannot happen with featureBound's sizing (tested); never overfill
                    return;
                }
                used[size++] = bucket;
            }
            counts[bucket] = (char) (c + 1); // no overflow: a text makes at most featureBound <= 65,535 counts
        }

        /**
         * This table's features at unit L2 norm plus {@code other}'s at an L2 norm of {@code scale} (summed where a
         * bucket is in both), into the output arrays: this table's buckets first, then {@code other}'s new ones, each
         * in first-seen order.
         */
        void emitWith(Scratch other, float scale) {
            ensureOut(size + other.size);
            int[] idx = outIdx;
            float[] val = outVal;
            fill(idx, val, 1f);
            float inv = other.inverseNorm(scale);
            int n = size;
            for (int i = 0; i < size; i++) {
                int c = other.counts[idx[i]];
                if (c != 0) {
                    val[i] += weight(c) * inv;
                }
            }
            for (int i = 0; i < other.size; i++) {
                int bucket = other.used[i];
                if (counts[bucket] == 0) {
                    idx[n] = bucket;
                    val[n++] = weight(other.counts[bucket]) * inv;
                }
            }
            outSize = n;
        }

        /** The counted features, scaled to an L2 norm of {@code scale}, into the output arrays. */
        void emit(float scale) {
            ensureOut(size);
            fill(outIdx, outVal, scale);
            outSize = size;
        }

        private void ensureOut(int n) {
            if (outIdx.length < n) {
                int cap = Math.max(256, Integer.highestOneBit(n) * 2);
                outIdx = new int[cap];
                outVal = new float[cap];
            }
        }

        /** Writes the buckets and their {@code 1 + ln(count)} values scaled to an L2 norm of {@code scale}. */
        private void fill(int[] idx, float[] val, float scale) {
            System.arraycopy(used, 0, idx, 0, size);
            double norm = 0;
            for (int i = 0; i < size; i++) {
                float v = weight(counts[used[i]]);
                val[i] = v;
                norm += (double) v * v;
            }
            float inv = norm > 0 ? (float) (scale / Math.sqrt(norm)) : 0f;
            if (inv != 0) {
                for (int i = 0; i < size; i++) {
                    val[i] *= inv;
                }
            }
        }

        /** The factor that scales this table's values to an L2 norm of {@code scale} (0 when it is empty). */
        private float inverseNorm(float scale) {
            double norm = 0;
            for (int i = 0; i < size; i++) {
                float v = weight(counts[used[i]]);
                norm += (double) v * v;
            }
            return norm > 0 ? (float) (scale / Math.sqrt(norm)) : 0f;
        }

        private static float weight(int count) {
            return count < LOG_WEIGHT.length ? LOG_WEIGHT[count] : logWeight(count);
        }
    }
}
