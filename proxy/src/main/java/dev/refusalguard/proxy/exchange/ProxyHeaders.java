package dev.refusalguard.proxy.exchange;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;

import java.util.List;

/** Header names the proxy adds, and the header hygiene rules for both directions. */
public final class ProxyHeaders {

    /** What the proxy did: none, rephrased, context_added, rerouted, refused. */
    public static final AsciiString ACTION = AsciiString.cached("x-refusalguard-action");
    /** Upstream attempts made for this request. */
    public static final AsciiString ATTEMPTS = AsciiString.cached("x-refusalguard-attempts");
    /** Strategies applied, in order, joined by '+'; absent when none. */
    public static final AsciiString STRATEGY = AsciiString.cached("x-refusalguard-strategy");
    /** Judged intent of the request: defensive, offensive, ambiguous. */
    public static final AsciiString INTENT = AsciiString.cached("x-refusalguard-intent");
    /** Task category of the request. */
    public static final AsciiString CATEGORY = AsciiString.cached("x-refusalguard-category");
    /** Proxy-assigned request id, also in the audit log. */
    public static final AsciiString REQUEST_ID = AsciiString.cached("x-refusalguard-request-id");

    /** Prefix of request headers meant for the proxy; never forwarded upstream. */
    public static final String OWN_PREFIX = "x-refusalguard-";

    private static final List<AsciiString> HOP_BY_HOP = List.of(HttpHeaderNames.CONNECTION,
            HttpHeaderNames.KEEP_ALIVE, HttpHeaderNames.PROXY_AUTHENTICATE, HttpHeaderNames.PROXY_AUTHORIZATION,
            HttpHeaderNames.TE, HttpHeaderNames.TRAILER, HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderNames.UPGRADE,
            HttpHeaderNames.CONTENT_LENGTH, HttpHeaderNames.HOST, HttpHeaderNames.EXPECT);

    private ProxyHeaders() {
    }

    /**
     * Agent request headers as sent upstream: hop-by-hop (the fixed list and any named by {@code Connection}) and
     * the proxy's own headers removed.
     */
    public static HttpHeaders forUpstream(HttpHeaders agent) {
        HttpHeaders out = new DefaultHttpHeaders();
        for (var it = agent.iteratorCharSequence(); it.hasNext(); ) {
            var h = it.next();
            CharSequence name = h.getKey();
            if (!isHopByHop(name) && !AsciiString.regionMatches(name, true, 0, OWN_PREFIX, 0, OWN_PREFIX.length())) {
                out.add(name, h.getValue());
            }
        }
        removeConnectionOptions(agent, out);
        return out;
    }

    /**
     * Removes from {@code out} the headers that {@code in}'s {@code Connection} header names: they are hop-by-hop
     * by declaration (RFC 9110 section 7.6.1), meant for this connection only.
     */
    private static void removeConnectionOptions(HttpHeaders in, HttpHeaders out) {
        for (String value : in.getAll(HttpHeaderNames.CONNECTION)) {
            for (String option : value.split(",")) {
                String name = option.trim();
                if (!name.isEmpty()) {
                    out.remove(name);
                }
            }
        }
    }

    private static boolean isHopByHop(CharSequence name) {
        for (AsciiString h : HOP_BY_HOP) {
            if (h.contentEqualsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Upstream response headers as sent to the agent: hop-by-hop (the fixed list and any named by
     * {@code Connection}) removed (lengths are set by the writer).
     */
    public static HttpHeaders forAgent(HttpHeaders upstream) {
        HttpHeaders out = upstream.copy();
        removeConnectionOptions(upstream, out);
        HOP_BY_HOP.forEach(out::remove);
        return out;
    }
}
