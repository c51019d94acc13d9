package dev.refusalguard.classifier.text;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The featurizer's output, every index and float bit in order, over {@link FeaturizerCorpus} (complete texts and
 * prefixes, Strings and other CharSequences, under {@link FeaturizerCorpus#specs()}), pinned as one SHA-256. The
 * digest was computed with the featurizer of 87bedde, before the seventh session's speed-ups: a faster featurizer must
 * leave it unchanged, since the shipped models were trained on these exact vectors.
 */
class FeaturizerGoldenDigestTest {

    static final String DIGEST_87BEDDE = "6d629cb028458aba1350e4e75805ee976ee211e5e5837067e89a9d2268b558a1";

    @Test
    void featuresAreBitIdenticalToThoseOfTheFeaturizerTheModelsWereTrainedWith() throws Exception {
        assertThat(digest()).isEqualTo(DIGEST_87BEDDE);
    }

    static String digest() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        ByteBuffer buf = ByteBuffer.allocate(8);
        for (FeaturizerSpec spec : FeaturizerCorpus.specs()) {
            HashedNgramFeaturizer f = new HashedNgramFeaturizer(spec);
            for (String text : FeaturizerCorpus.texts()) {
                for (int mode = 0; mode < 4; mode++) {
                    boolean complete = mode % 2 == 0;
                    CharSequence input = mode < 2 ? text : new StringBuilder(text);
                    SparseVector v = f.featurize(input, complete);
                    sha.update(buf.clear().putInt(v.size()).putInt(mode).array());
                    for (int i = 0; i < v.size(); i++) {
                        sha.update(buf.clear().putInt(v.indices()[i]).putInt(Float.floatToRawIntBits(v.values()[i])).array());
                    }
                }
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
