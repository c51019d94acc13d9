package dev.refusalguard.policies;

/**
 * One rewrite made by the {@link Rephraser}.
 *
 * @param term        canonical lexicon term that was replaced (lower case)
 * @param replacement text inserted in its place (case styled like the original; may include a corrected article)
 * @param start       inclusive start offset in the original text
 * @param end         exclusive end offset in the original text
 */
public record TermReplacement(String term, String replacement, int start, int end) {

    public TermReplacement {
        if (term == null || replacement == null) {
            throw new IllegalArgumentException("term/replacement: required");
        }
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("start/end: invalid range [" + start + ", " + end + ")");
        }
    }
}
