package dev.refusalguard.proxy.audit;

/**
 * An upstream's answer to one variant, reduced to what refusal detection needs.
 *
 * @param status         HTTP status
 * @param text           answer text (empty when none)
 * @param providerSignal refusal signal the provider gave (the proxy's {@code RefusalSignal} tag names), or null
 * @param toolCall       the answer is a tool call
 */
record UpstreamAnswer(int status, String text, String providerSignal, boolean toolCall) {
}
