package dev.refusalguard.policies.model;

import dev.refusalguard.classifier.text.FeaturizerSpec;

/** Names and featurizer of the request models this module trains and ships. */
public final class RequestModels {

    public static final String INTENT_RESOURCE = "/dev/refusalguard/policies/intent-model.onnx";
    public static final String CATEGORY_RESOURCE = "/dev/refusalguard/policies/category-model.onnx";

    private RequestModels() {
    }

    /**
     * 2^16 hashed buckets over the first 4096 characters (word unigrams and bigrams, the first four words tagged by
     * position, character 3-5-grams of the first 512 characters).
     */
    public static FeaturizerSpec featurizer() {
        return new FeaturizerSpec(1 << 16, 4096, 3, 5, 512, 4, 0x52515354);
    }
}
