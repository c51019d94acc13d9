package dev.refusalguard.policies;

/**
 * A protected region of a request text, {@code [start, end)} in UTF-16 offsets.
 *
 * @param kind  what was recognised (the first kind found when overlapping regions were merged)
 * @param start inclusive start offset
 * @param end   exclusive end offset
 */
public record EvidenceSpan(EvidenceKind kind, int start, int end) {

    public EvidenceSpan {
        if (kind == null) {
            throw new IllegalArgumentException("kind: required");
        }
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("start/end: invalid range [" + start + ", " + end + ")");
        }
    }

    public boolean overlaps(int from, int to) {
        return from < end && to > start;
    }

    public int length() {
        return end - start;
    }
}
