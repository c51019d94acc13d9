package dev.refusalguard.proxy.demo;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.compression.StandardCompressionOptions;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpServerCodec;

/** Orders the demo upstream's pipeline; nothing else. */
final class DemoUpstreamInitializer extends ChannelInitializer<SocketChannel> {

    static final String CODEC = "demo-http-codec";
    static final String COMPRESSOR = "demo-compressor";
    static final String AGGREGATOR = "demo-body-aggregator";
    static final String HANDLER = "demo-request-handler";

    private final DemoUpstreamConfig config;
    private final DemoRequestHandler.Endpoints endpoints;

    DemoUpstreamInitializer(DemoUpstreamConfig config, DemoRequestHandler.Endpoints endpoints) {
        this.config = config;
        this.endpoints = endpoints;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline().addLast(CODEC, new HttpServerCodec());
        if (config.compressResponses()) {
            ch.pipeline().addLast(COMPRESSOR, new HttpContentCompressor(0,
                    StandardCompressionOptions.gzip(), StandardCompressionOptions.deflate()));
        }
        ch.pipeline()
                .addLast(AGGREGATOR, new DemoBodyAggregator(config.maxRequestBytes()))
                .addLast(HANDLER, new DemoRequestHandler(endpoints, config.chunkDelay()));
    }
}
