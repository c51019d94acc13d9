package dev.refusalguard.proxy.demo;

import java.util.Locale;

/**
 * How a simulated refusal reaches the client. Each API maps these to its own wire signals:
 *
 * <table>
 *   <caption>delivery per API</caption>
 *   <tr><th></th><th>Chat Completions</th><th>Responses</th><th>Anthropic Messages</th></tr>
 *   <tr><td>PLAIN_TEXT</td><td>refusal text as content</td><td>output_text part</td><td>text block, end_turn</td></tr>
 *   <tr><td>PROVIDER_SIGNAL</td><td>{@code message.refusal}</td><td>{@code refusal} content part</td>
 *       <td>{@code stop_reason: "refusal"}</td></tr>
 *   <tr><td>CONTENT_FILTER</td><td>{@code finish_reason: "content_filter"}, empty content</td>
 *       <td>status incomplete, reason content_filter</td><td>{@code stop_reason: "refusal"}</td></tr>
 *   <tr><td>POLICY_ERROR</td><td colspan="3">HTTP 400 with the API's content-policy error</td></tr>
 * </table>
 */
public enum RefusalDelivery {
    PLAIN_TEXT,
    PROVIDER_SIGNAL,
    CONTENT_FILTER,
    POLICY_ERROR;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
