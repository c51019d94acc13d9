package dev.refusalguard.proxy.upstream;

import dev.refusalguard.proxy.config.ServerConfig;
import dev.refusalguard.proxy.config.UpstreamConfig;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.pool.AbstractChannelPoolHandler;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

/** Orders the handlers of an upstream connection; handler names are documented constants. */
final class UpstreamPipeline extends AbstractChannelPoolHandler {

    static final String TLS = "upstream-tls";
    static final String HTTP_CODEC = "upstream-http-codec";
    static final String DECOMPRESSOR = "upstream-decompressor";
    static final String RESPONSE_RECEIVER = "origin-response-receiver";

    private final UpstreamConfig upstream;
    private final ServerConfig server;
    private final SslContext sslContext;

    UpstreamPipeline(UpstreamConfig upstream, ServerConfig server, SslContext sslContext) {
        this.upstream = upstream;
        this.server = server;
        this.sslContext = sslContext;
    }

    @Override
    public void channelCreated(Channel ch) {
        ch.config().setAutoRead(false);
        ch.config().setOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(server.writeBufferLowWaterMark(), server.writeBufferHighWaterMark()));
        if (upstream.tls()) {
            SslHandler tls = sslContext.newHandler(ch.alloc(), upstream.host(), upstream.port());
            ch.pipeline().addLast(TLS, tls);
        }
        // Response headers may be larger than request headers (provider rate-limit headers); chunk size bounds
        // each content piece handed to the exchange.
        ch.pipeline().addLast(HTTP_CODEC, new HttpClientCodec(8192, Math.max(server.maxHeaderBytes(), 65536), 65536));
        ch.pipeline().addLast(DECOMPRESSOR, new HttpContentDecompressor(0));
        ch.pipeline().addLast(RESPONSE_RECEIVER, new OriginResponseReceiver());
    }
}
