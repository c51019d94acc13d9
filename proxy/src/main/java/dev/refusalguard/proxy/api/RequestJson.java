package dev.refusalguard.proxy.api;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An agent request's JSON tree, built on first use: most exchanges forward the original bytes and never need it
 * (only a translation, a recovery strategy or a shadow probe does). Used by one exchange on its event loop, so the
 * cached tree needs no volatile.
 */
public final class RequestJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The reader of an agent's request body, tree or stream: rejects duplicate names, because the first attempt
     * forwards the agent's exact bytes, so the proxy must judge the same request the upstream reads, whichever of two
     * values the upstream's parser would keep.
     */
    public static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final byte[] bytes;
    private ObjectNode tree;

    private RequestJson(byte[] bytes, ObjectNode tree) {
        this.bytes = bytes;
        this.tree = tree;
    }

    /** A tree that is already built. */
    public static RequestJson of(ObjectNode tree) {
        return new RequestJson(null, tree);
    }

    /** The tree of {@code bytes}, which hold one JSON object the adapter has already read, built when first asked. */
    public static RequestJson parsedLater(byte[] bytes) {
        return new RequestJson(bytes, null);
    }

    /** The tree; never modify it (edits copy it first). */
    public ObjectNode tree() {
        if (tree == null) {
            try {
                tree = (ObjectNode) JSON.readTree(bytes);
            } catch (IOException e) {
                // The bytes were read as a JSON object before this exchange began.
                throw new UncheckedIOException(e);
            }
        }
        return tree;
    }
}
