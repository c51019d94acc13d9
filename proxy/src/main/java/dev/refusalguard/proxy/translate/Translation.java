package dev.refusalguard.proxy.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Lets an agent speaking one API be served by an upstream speaking another: the request goes out in the upstream's
 * format and the answer comes back in the agent's. Stateless and shared; streamed answers get a fresh
 * {@link StreamTranslator} per attempt.
 */
public interface Translation {

    /** Path of the upstream's API, e.g. {@code /v1/messages}. */
    String upstreamPath();

    /** The agent's request (never modified) as the upstream's request. */
    ObjectNode request(ObjectNode agentBody);

    /** A complete upstream answer (or error body) in the agent's format; null when {@code body} is not JSON. */
    JsonNode answer(int status, JsonNode body);

    /** A translator for one streamed answer to {@code agentBody}. */
    StreamTranslator newStream(ObjectNode agentBody);
}
