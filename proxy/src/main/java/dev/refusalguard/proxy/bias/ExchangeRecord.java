package dev.refusalguard.proxy.bias;

import dev.refusalguard.policies.Intent;
import dev.refusalguard.policies.TaskCategory;
import java.util.Objects;
import java.util.Set;

/**
 * What the bias tracker learns from one finished agent request.
 *
 * @param epochMillis          when the exchange ended (places it in a window bucket)
 * @param api                  API adapter wire name (openai_chat, openai_responses, anthropic_messages)
 * @param model                model as requested; the tracker maps unconfigured names to {@code other}
 * @param category             task category from request analysis
 * @param sensitive            the request contained sensitive lexicon terms
 * @param authorizationClaim   the request contained a free-text authorization claim
 * @param intent               judged intent
 * @param judged               the first upstream answer got a verdict; a request without one (the agent left or the
 *                             upstream failed first) counts only in the outcomes, never in a refusal rate
 * @param firstAttemptRefused  the first upstream answer was a refusal (what the agent would have seen without us)
 * @param refusalSignal        the signal that detected that refusal, null when not refused
 * @param recoveryStrategy     the strategy that recovered the request, or the last one tried; null when none ran
 * @param recovered            a recovery strategy produced a non-refused answer
 * @param outcome              final outcome: served, recovered, refused, blocked_by_intent, error or client_closed
 */
public record ExchangeRecord(long epochMillis,
                             String api,
                             String model,
                             TaskCategory category,
                             boolean sensitive,
                             boolean authorizationClaim,
                             Intent intent,
                             boolean judged,
                             boolean firstAttemptRefused,
                             String refusalSignal,
                             String recoveryStrategy,
                             boolean recovered,
                             String outcome) {

    /** The final outcomes the proxy reports (metric tag values). */
    public static final Set<String> OUTCOMES = Set.of("served", "recovered", "refused", "blocked_by_intent", "error",
            "client_closed");

    public ExchangeRecord {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(outcome, "outcome");
        if (firstAttemptRefused && !judged) {
            throw new IllegalArgumentException("a refused first attempt must be judged");
        }
        if (firstAttemptRefused && refusalSignal == null) {
            throw new IllegalArgumentException("refusalSignal is required when firstAttemptRefused is true");
        }
        if (recovered && recoveryStrategy == null) {
            throw new IllegalArgumentException("recoveryStrategy is required when recovered is true");
        }
    }

    /** A judged exchange (its first answer got a verdict). */
    public ExchangeRecord(long epochMillis, String api, String model, TaskCategory category, boolean sensitive,
                          boolean authorizationClaim, Intent intent, boolean firstAttemptRefused, String refusalSignal,
                          String recoveryStrategy, boolean recovered, String outcome) {
        this(epochMillis, api, model, category, sensitive, authorizationClaim, intent, true, firstAttemptRefused,
                refusalSignal, recoveryStrategy, recovered, outcome);
    }
}
