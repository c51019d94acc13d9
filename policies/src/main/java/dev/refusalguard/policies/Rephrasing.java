package dev.refusalguard.policies;

import java.util.List;

/**
 * Result of {@link Rephraser#rephrase(String, TaskCategory)}.
 *
 * @param original     the text as received
 * @param text         the rewritten text (equal to {@code original} when nothing was replaced)
 * @param replacements the rewrites in order of position, offsets in {@code original}
 */
public record Rephrasing(String original, String text, List<TermReplacement> replacements) {

    public Rephrasing {
        if (original == null || text == null) {
            throw new IllegalArgumentException("original/text: required");
        }
        replacements = List.copyOf(replacements);
    }

    public boolean changed() {
        return !original.equals(text);
    }
}
