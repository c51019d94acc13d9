package dev.refusalguard.classifier.text;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link HashedNgramFeaturizer} extracts. Stored in each model's ONNX metadata so a model file always carries
 * the featurizer it was trained with.
 *
 * @param dims          hashed feature space size, a power of two (the rows of the weight matrix)
 * @param maxChars      characters of the opening text considered (the rest is ignored)
 * @param charMinN      smallest character n-gram
 * @param charMaxN      largest character n-gram
 * @param charMaxChars  character n-grams are taken from at most this many leading characters (<= maxChars)
 * @param openingWords  the first this many words also get a position-tagged feature ("sorry" as word 1)
 * @param seed          hash seed
 * @param tailChars     whole-answer features: word uni/bi-grams of the last this many characters of a complete text
 *                      (its closing), plus shape features (length, lines, lists, code), in a namespace of their own;
 *                      0 = none (the featurizer reads the opening only, "hashed-ngram-v1")
 * @param tailWeight    L2 norm of the whole-answer block beside the opening block's 1 (ignored when tailChars is 0)
 */
public record FeaturizerSpec(int dims, int maxChars, int charMinN, int charMaxN, int charMaxChars, int openingWords, int seed,
                             int tailChars, float tailWeight) {

    /** An opening-only spec (no whole-answer features). */
    public FeaturizerSpec(int dims, int maxChars, int charMinN, int charMaxN, int charMaxChars, int openingWords, int seed) {
        this(dims, maxChars, charMinN, charMaxN, charMaxChars, openingWords, seed, 0, 0f);
    }

    public FeaturizerSpec {
        if (dims < 16 || Integer.bitCount(dims) != 1) {
            throw new IllegalArgumentException("dims must be a power of two >= 16: " + dims);
        }
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be >= 1: " + maxChars);
        }
        if (charMinN < 1 || charMaxN < charMinN || charMaxN > 8) {
            throw new IllegalArgumentException("charMinN/charMaxN must satisfy 1 <= min <= max <= 8: " + charMinN + "/" + charMaxN);
        }
        if (charMaxChars < 0 || charMaxChars > maxChars) {
            throw new IllegalArgumentException("charMaxChars must be in [0, maxChars]: " + charMaxChars);
        }
        if (openingWords < 0 || openingWords > 32) {
            throw new IllegalArgumentException("openingWords must be in [0, 32]: " + openingWords);
        }
        if (tailChars < 0 || tailChars > 4096) {
            throw new IllegalArgumentException("tailChars must be in [0, 4096]: " + tailChars);
        }
        if (tailChars > 0 && !(tailWeight > 0 && tailWeight <= 4)) {
            throw new IllegalArgumentException("tailWeight must be in (0, 4] when tailChars > 0: " + tailWeight);
        }
        if (tailChars == 0) {
            tailWeight = 0f;
        }
    }

    /** Whether complete texts also get the whole-answer block (closing words and shape). */
    public boolean wholeAnswer() {
        return tailChars > 0;
    }

    /**
     * The refusal model's featurizer: 2^18 buckets, first 512 chars, char 3-5-grams of the first 128 chars, and for
     * complete answers the whole-answer block over the last 512 chars at norm 0.5 (chosen on validation and 5-fold
     * train cross-validation over 256/512/1024 chars and norms 0.35-1.0, docs/classifier.md).
     */
    public static FeaturizerSpec refusalDefault() {
        return new FeaturizerSpec(1 << 18, 512, 3, 5, 128, 4, 0x52474431, 512, 0.5f);
    }

    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("featurizer", wholeAnswer() ? "hashed-ngram-v2" : "hashed-ngram-v1");
        m.put("featurizer.dims", Integer.toString(dims));
        m.put("featurizer.maxChars", Integer.toString(maxChars));
        m.put("featurizer.charMinN", Integer.toString(charMinN));
        m.put("featurizer.charMaxN", Integer.toString(charMaxN));
        m.put("featurizer.charMaxChars", Integer.toString(charMaxChars));
        m.put("featurizer.openingWords", Integer.toString(openingWords));
        m.put("featurizer.seed", Integer.toString(seed));
        if (wholeAnswer()) {
            m.put("featurizer.tailChars", Integer.toString(tailChars));
            m.put("featurizer.tailWeight", Float.toString(tailWeight));
        }
        return m;
    }

    public static FeaturizerSpec fromMetadata(Map<String, String> m) {
        String kind = m.get("featurizer");
        boolean v2 = "hashed-ngram-v2".equals(kind);
        if (!v2 && !"hashed-ngram-v1".equals(kind)) {
            throw new IllegalArgumentException("model metadata 'featurizer' must be hashed-ngram-v1 or -v2: " + kind);
        }
        int tail = v2 ? intOf(m, "featurizer.tailChars") : 0;
        float weight = v2 ? floatOf(m, "featurizer.tailWeight") : 0f;
        return new FeaturizerSpec(intOf(m, "featurizer.dims"), intOf(m, "featurizer.maxChars"), intOf(m, "featurizer.charMinN"),
                intOf(m, "featurizer.charMaxN"), intOf(m, "featurizer.charMaxChars"), intOf(m, "featurizer.openingWords"),
                intOf(m, "featurizer.seed"), tail, weight);
    }

    private static float floatOf(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("model metadata lacks '" + key + "'");
        }
        try {
            return Float.parseFloat(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("model metadata '" + key + "' is not a number: " + v, e);
        }
    }

    private static int intOf(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("model metadata lacks '" + key + "'");
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("model metadata '" + key + "' is not an int: " + v, e);
        }
    }
}
