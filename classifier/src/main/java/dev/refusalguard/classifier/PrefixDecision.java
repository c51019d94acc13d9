package dev.refusalguard.classifier;

/** A streaming decision from the text seen so far. */
public enum PrefixDecision {
    REFUSAL,
    NOT_REFUSAL,
    /** Not confident either way yet: feed more text. */
    UNDECIDED
}
