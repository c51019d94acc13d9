package dev.refusalguard.classifier.text;

/**
 * A sparse feature vector: distinct bucket indices (in first-seen order, which is deterministic) and their values. The arrays are owned by the
 * vector; callers must not modify them.
 */
public record SparseVector(int[] indices, float[] values) {

    public SparseVector {
        if (indices.length != values.length) {
            throw new IllegalArgumentException("indices and values differ in length: " + indices.length + " vs " + values.length);
        }
    }

    public int size() {
        return indices.length;
    }
}
