package dev.refusalguard.proxy.upstream;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DecodableEncodingsTest {

    @Test
    void theShippedBuildDecodesGzipAndDeflateButNotBrotliOrZstd() {
        assertThat(DecodableEncodings.decodable()).contains("gzip", "deflate").doesNotContain("br", "zstd");
    }

    @Test
    void codingsTheProxyCannotDecodeAreNeverOfferedUpstream() {
        assertThat(DecodableEncodings.narrow("gzip, deflate, br, zstd")).isEqualTo("gzip, deflate");
        assertThat(DecodableEncodings.narrow("br;q=1.0, gzip;q=0.8, *;q=0.1")).isEqualTo("gzip;q=0.8");
        assertThat(DecodableEncodings.narrow("GZIP")).isEqualTo("GZIP");
        assertThat(DecodableEncodings.narrow("br")).isNull();
        assertThat(DecodableEncodings.narrow(null)).isNull();
    }

    @Test
    void headersAreNarrowedInPlaceAndDroppedWhenNothingDecodableIsLeft() {
        HttpHeaders h = new DefaultHttpHeaders().set("accept-encoding", "br, gzip");
        DecodableEncodings.narrowIn(h);
        assertThat(h.get("accept-encoding")).isEqualTo("gzip");
        h.set("accept-encoding", "br, zstd");
        DecodableEncodings.narrowIn(h);
        assertThat(h.contains("accept-encoding")).isFalse();
    }
}
