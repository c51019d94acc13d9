package dev.refusalguard.proxy.api;

import dev.refusalguard.proxy.detect.RefusalSignal;

/**
 * What an adapter read from an answer.
 *
 * @param text         answer text (refusal text included when the provider put it in a refusal field)
 * @param signal       a provider signal that says "refusal" by itself, or null
 * @param toolCall     the answer calls a tool (never a refusal)
 * @param finishReason the provider's finish/stop reason, or null
 */
public record AnswerInspection(String text, RefusalSignal signal, boolean toolCall, String finishReason) {

    public boolean empty() {
        return text == null || text.isBlank();
    }
}
