package dev.refusalguard.classifier.data;

import dev.refusalguard.classifier.RefusalClass;

/**
 * One curated example: an answer text, its class, where it came from, the prompt it answers (as a stable id used
 * to keep every answer to one prompt on the same side of the split) and the split it belongs to.
 *
 * @param text     the answer text (possibly truncated at curation, see the NOTICE)
 * @param label    its class
 * @param source   the dataset folder name, or {@code written-for-refusalguard}
 * @param promptId stable id of the prompt the text answers
 * @param split    train, validation or test (null before splitting)
 */
public record LabeledText(String text, RefusalClass label, String source, String promptId, String split) {

    public LabeledText {
        if (text == null) {
            throw new IllegalArgumentException("text is required");
        }
        if (label == null) {
            throw new IllegalArgumentException("label is required");
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("source is required");
        }
        if (promptId == null || promptId.isBlank()) {
            throw new IllegalArgumentException("prompt_id is required");
        }
    }

    public LabeledText withSplit(String newSplit) {
        return new LabeledText(text, label, source, promptId, newSplit);
    }
}
