package dev.refusalguard.policies;

import java.util.List;

/**
 * What the proxy knows about a request before it is answered.
 *
 * @param category            task category from the fixed taxonomy
 * @param sensitiveTerms      sensitive lexicon terms found (lower-case canonical forms), empty when neutral
 * @param authorizationClaim  a free-text claim of authorization ("I'm on the blue team") is present
 * @param intent              defensive, offensive or ambiguous
 * @param intentScore         confidence in {@code intent}, 0..1
 */
public record RequestAnalysis(TaskCategory category,
                              List<String> sensitiveTerms,
                              boolean authorizationClaim,
                              Intent intent,
                              double intentScore) {

    public RequestAnalysis {
        sensitiveTerms = List.copyOf(sensitiveTerms);
    }

    public boolean sensitive() {
        return !sensitiveTerms.isEmpty();
    }
}
