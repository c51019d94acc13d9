package dev.refusalguard.benchmarks.upstream;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;

/** Orders the test upstream's pipeline: HTTP codec, a bounded aggregator, the answering handler. */
final class StubUpstreamInitializer extends ChannelInitializer<SocketChannel> {

    static final int MAX_REQUEST_BYTES = 1024 * 1024;

    private final StubAnswers answers;
    private final long intervalNanos;

    StubUpstreamInitializer(StubAnswers answers, long intervalNanos) {
        this.answers = answers;
        this.intervalNanos = intervalNanos;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline()
                .addLast("http", new HttpServerCodec())
                .addLast("aggregate", new HttpObjectAggregator(MAX_REQUEST_BYTES))
                .addLast("answer", new StubUpstreamHandler(answers, intervalNanos));
    }
}
