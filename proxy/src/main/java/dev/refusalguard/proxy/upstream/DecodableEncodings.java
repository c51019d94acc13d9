package dev.refusalguard.proxy.upstream;

import io.netty.handler.codec.compression.Brotli;
import io.netty.handler.codec.compression.Zstd;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The content codings the upstream pipeline's {@code HttpContentDecompressor} can decode, and the narrowing of an
 * agent's {@code Accept-Encoding} to them. An answer in a coding the decompressor cannot decode would reach the
 * inspectors as opaque bytes (no refusal could be seen), so the upstream is never offered one: gzip and deflate
 * always (and their {@code x-} aliases, and snappy, which Netty decodes natively), {@code br} and {@code zstd}
 * only when their optional native libraries (brotli4j, zstd-jni) are on the class path, which they are not in the
 * shipped build. The agent always receives the decoded body, so narrowing never changes what the agent can read.
 */
public final class DecodableEncodings {

    private static final Set<String> CODINGS = codings();

    private DecodableEncodings() {
    }

    private static Set<String> codings() {
        Set<String> s = new TreeSet<>(List.of("gzip", "x-gzip", "deflate", "x-deflate", "snappy", "identity"));
        if (Brotli.isAvailable()) {
            s.add("br");
        }
        if (Zstd.isAvailable()) {
            s.add("zstd");
        }
        return Set.copyOf(s);
    }

    /** The codings the upstream may use in its answers (lower case). */
    public static Set<String> decodable() {
        return CODINGS;
    }

    /**
     * {@code acceptEncoding} with every coding the proxy cannot decode removed (the wildcard {@code *} too), q-values
     * kept; null when nothing is left, meaning the header should not be sent (identity only).
     */
    public static String narrow(String acceptEncoding) {
        if (acceptEncoding == null) {
            return null;
        }
        List<String> kept = new ArrayList<>();
        for (String element : acceptEncoding.split(",")) {
            String trimmed = element.trim();
            int semi = trimmed.indexOf(';');
            String coding = (semi < 0 ? trimmed : trimmed.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
            if (CODINGS.contains(coding)) {
                kept.add(trimmed);
            }
        }
        return kept.isEmpty() ? null : String.join(", ", kept);
    }

    /** Narrows the {@code Accept-Encoding} of request headers about to be sent upstream, in place. */
    static void narrowIn(HttpHeaders headers) {
        String accept = headers.get(HttpHeaderNames.ACCEPT_ENCODING);
        if (accept == null) {
            return;
        }
        String narrowed = narrow(accept);
        if (narrowed == null) {
            headers.remove(HttpHeaderNames.ACCEPT_ENCODING);
        } else {
            headers.set(HttpHeaderNames.ACCEPT_ENCODING, narrowed);
        }
    }
}
