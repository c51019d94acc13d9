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
 */
public record FeaturizerSpec(int dims, int maxChars, int charMinN, int charMaxN, int charMaxChars, int openingWords, int seed) {

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
    }

    /** The refusal model's featurizer: 2^18 buckets, first 512 chars, char 3-5-grams of the first 128 chars. */
    public static FeaturizerSpec refusalDefault() {
        return new FeaturizerSpec(1 << 18, 512, 3, 5, 128, 4, 0x52474431);
    }

    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("featurizer", "hashed-ngram-v1");
        m.put("featurizer.dims", Integer.toString(dims));
        m.put("featurizer.maxChars", Integer.toString(maxChars));
        m.put("featurizer.charMinN", Integer.toString(charMinN));
        m.put("featurizer.charMaxN", Integer.toString(charMaxN));
        m.put("featurizer.charMaxChars", Integer.toString(charMaxChars));
        m.put("featurizer.openingWords", Integer.toString(openingWords));
        m.put("featurizer.seed", Integer.toString(seed));
        return m;
    }

    public static FeaturizerSpec fromMetadata(Map<String, String> m) {
        if (!"hashed-ngram-v1".equals(m.get("featurizer"))) {
            throw new IllegalArgumentException("model metadata 'featurizer' must be hashed-ngram-v1: " + m.get("featurizer"));
        }
        return new FeaturizerSpec(intOf(m, "featurizer.dims"), intOf(m, "featurizer.maxChars"), intOf(m, "featurizer.charMinN"),
                intOf(m, "featurizer.charMaxN"), intOf(m, "featurizer.charMaxChars"), intOf(m, "featurizer.openingWords"),
                intOf(m, "featurizer.seed"));
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
