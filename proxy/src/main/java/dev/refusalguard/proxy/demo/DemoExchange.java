package dev.refusalguard.proxy.demo;

import dev.refusalguard.policies.TaskCategory;

import java.util.Objects;

/**
 * One demo request as the agent saw it, through the proxy and (optionally) direct to the upstream.
 *
 * @param id             bundled prompt id
 * @param category       the prompt's category tag
 * @param sensitive      the prompt has sensitive words
 * @param offensive      the prompt is a clearly offensive request (its refusal should stand)
 * @param authorizationClaim the agent added a free-text authorization claim
 * @param streaming      sent with {@code "stream": true}
 * @param status         final HTTP status through the proxy (0 on transport failure)
 * @param outcome        final answer through the proxy
 * @param action         {@code x-refusalguard-action} (null when absent)
 * @param strategy       {@code x-refusalguard-strategy} (null when absent)
 * @param attempts       {@code x-refusalguard-attempts} (0 when absent)
 * @param directStatus   HTTP status of the direct pass (0 when not run or failed)
 * @param directOutcome  answer of the direct pass (null when not run)
 * @param millis         time through the proxy, whole exchange
 */
public record DemoExchange(String id, TaskCategory category, boolean sensitive, boolean offensive,
                           boolean authorizationClaim, boolean streaming,
                           int status, AnswerOutcome outcome, String action, String strategy, int attempts,
                           int directStatus, AnswerOutcome directOutcome, long millis) {

    public DemoExchange {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** The proxy did something other than pass the first answer through. */
    public boolean proxyActed() {
        return action != null && !action.isBlank() && !action.equals("none");
    }

    /** The proxy acted and the agent got a compliant answer in the end. */
    public boolean recovered() {
        return proxyActed() && outcome == AnswerOutcome.COMPLIANCE;
    }
}
