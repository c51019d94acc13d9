package dev.refusalguard.proxy.upstream;

import java.util.Locale;

/** Why an upstream call failed; the lower-case name is the {@code kind} tag of refusalguard_upstream_errors. */
public enum UpstreamFailure {
    /** TCP or TLS connect failed or timed out. */
    CONNECT,
    /** The upstream's TLS certificate or host name did not verify (or the handshake failed). */
    TLS,
    /** No response byte within the response timeout. */
    TIMEOUT,
    /** Connection closed or reset before the response ended. */
    RESET,
    /** The response was not valid HTTP, an SSE event was malformed, or a 200 answer was not a JSON object. */
    PROTOCOL,
    /** The response (or one SSE event) exceeded a configured limit. */
    TOO_LARGE,
    /** No pooled connection became free (pool and pending queue full). */
    POOL_EXHAUSTED;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
