package dev.refusalguard.classifier;

/**
 * The classifier's answer for a prefix of a streamed text.
 *
 * @param decision      refusal, not refusal, or undecided (need more text)
 * @param verdict       the full verdict computed on the prefix (its label and score)
 */
public record PrefixVerdict(PrefixDecision decision, RefusalVerdict verdict) {
}
