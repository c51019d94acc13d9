package dev.refusalguard.proxy.exchange;

import dev.refusalguard.policies.RequestAnalysis;

import java.util.List;

/**
 * The record of one finished agent request, for the audit log and the bias tracker.
 *
 * @param requestId        proxy-assigned id (also the x-refusalguard-request-id header)
 * @param api              api tag
 * @param model            the model the agent asked for
 * @param analysis         request analysis (null when it failed)
 * @param stream           the agent asked for SSE
 * @param judged           the first upstream answer got a verdict (refusal or not); false when the exchange ended
 *                         before one (the agent left, the upstream failed): such a request is in no refusal rate
 * @param firstRefused     the first upstream answer was a refusal
 * @param firstSignal      signal that detected the first refusal, or null
 * @param firstClass       refusal class of the first answer, or null
 * @param strategies       strategies applied, in order
 * @param attempts         upstream attempts made
 * @param outcome          served, recovered, refused, blocked_by_intent, error, client_closed
 * @param finalModel       model that produced the delivered answer
 * @param originalText     last user text as sent by the agent
 * @param finalText        last user text of the delivered attempt (differs when rephrased)
 * @param durationNanos    total time in the proxy, upstream included
 */
public record ExchangeSummary(String requestId,
                              String api,
                              String model,
                              RequestAnalysis analysis,
                              boolean stream,
                              boolean judged,
                              boolean firstRefused,
                              String firstSignal,
                              String firstClass,
                              List<String> strategies,
                              int attempts,
                              String outcome,
                              String finalModel,
                              String originalText,
                              String finalText,
                              long durationNanos) {
}
