package dev.refusalguard.proxy.audit;

import dev.refusalguard.policies.RequestAnalysis;
import dev.refusalguard.policies.TaskCategory;
import java.util.Map;

/**
 * A prompt with its analysis and the four requests to send.
 *
 * @param prompt          the prompt as read
 * @param category        the file's category, else the analysed one
 * @param analysis        request analysis of the original text
 * @param sensitive       the file's sensitive label, else the analysis' (sensitive terms found)
 * @param authClaim       the file's auth_claim label, else the analysis' (free-text claim found in the prompt)
 * @param rephraseChanged the neutral rephrase differs from the original
 * @param requests        one request per variant
 */
record PreparedPrompt(AuditPrompt prompt, TaskCategory category, RequestAnalysis analysis, boolean sensitive,
                      boolean authClaim, boolean rephraseChanged,
                      Map<AuditVariant, VariantRequest> requests) {
}
