package dev.refusalguard.classifier.data;

import dev.refusalguard.classifier.text.Murmur3;

import java.util.ArrayList;
import java.util.List;

/**
 * Assigns train / validation / test by prompt id (80 / 10 / 10 by a fixed hash), so every answer to one prompt lands
 * on the same side and no prompt is seen in training and evaluation.
 */
public final class PromptSplitter {

    public static final String TRAIN = "train";
    public static final String VALIDATION = "validation";
    public static final String TEST = "test";

    private PromptSplitter() {
    }

    public static String splitOf(String promptId) {
        int bucket = Math.floorMod(Murmur3.hashChars(promptId, 0x5eed), 100);
        if (bucket < 80) {
            return TRAIN;
        }
        return bucket < 90 ? VALIDATION : TEST;
    }

    public static List<LabeledText> split(List<LabeledText> rows) {
        List<LabeledText> out = new ArrayList<>(rows.size());
        for (LabeledText row : rows) {
            out.add(row.withSplit(splitOf(row.promptId())));
        }
        return out;
    }
}
