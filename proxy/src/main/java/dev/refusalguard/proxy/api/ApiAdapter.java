package dev.refusalguard.proxy.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.function.UnaryOperator;

/**
 * Reads and edits one API's request and answer JSON. Adapters are stateless and shared; edits return new trees
 * and leave every field they do not own (tools, response_format, metadata...) untouched.
 */
public interface ApiAdapter {

    Api api();

    ParsedRequest parse(JsonNode body) throws ApiRequestException;

    /**
     * The same view as {@link #parse} read straight from the request's bytes, without building its JSON tree, for a
     * request {@link #parse} would accept; null for anything else (unreadable JSON, a missing or wrong parameter,
     * or an adapter without such a reader), and the caller then parses the tree, which also names the fault.
     */
    default ParsedRequest parseBytes(byte[] body) {
        return null;
    }

    /** A copy whose last user message text is rewritten, or null when there is no user text to rewrite. */
    ObjectNode rewriteLastUserText(ObjectNode body, UnaryOperator<String> rewrite);

    /** A copy with {@code block} added as system context (after any existing system text). */
    ObjectNode addSystemContext(ObjectNode body, String block);

    /** A copy asking for another model (every supported API names it in a top-level {@code model} field). */
    default ObjectNode withModel(ObjectNode body, String model) {
        ObjectNode copy = body.deepCopy();
        copy.put("model", model);
        return copy;
    }

    /** Reads a complete (non-streamed) answer; {@code body} may be null when it was not JSON. */
    AnswerInspection inspect(int status, JsonNode body);

    /**
     * The same inspection as {@link #inspect} read straight from a buffered answer's bytes, without building its
     * JSON tree, or null when this adapter has no such reader for this status (the caller then parses the tree).
     * The bytes are only read: the caller keeps ownership of {@code body} and its reader index.
     */
    default AnswerInspection inspectBytes(int status, io.netty.buffer.ByteBuf body) {
        return null;
    }

    /** A fresh inspector for one streamed answer, keeping at most {@code maxChars} characters of text. */
    StreamInspector newStreamInspector(int maxChars);
}
