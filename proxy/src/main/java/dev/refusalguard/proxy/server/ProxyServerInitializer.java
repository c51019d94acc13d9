package dev.refusalguard.proxy.server;

import dev.refusalguard.proxy.api.Api;
import dev.refusalguard.proxy.api.ApiAdapter;
import dev.refusalguard.proxy.config.ServerConfig;
import dev.refusalguard.proxy.exchange.ExchangeServices;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Orders the agent-facing pipeline; handler names are documented constants. */
final class ProxyServerInitializer extends ChannelInitializer<SocketChannel> {

    static final String REQUEST_BYTES_WATCHER = "agent-request-bytes-watcher";
    static final String HTTP_CODEC = "agent-http-codec";
    static final String REQUEST_END_WATCHER = "agent-request-end-watcher";
    static final String IDLE = "agent-idle";
    static final String AGGREGATOR = "agent-request-aggregator";
    static final String REQUEST_RECEIVER = "client-request-receiver";
    /** How long a connection over {@code server.maxConnections} has to send the request its 503 answers. */
    static final long OVER_LIMIT_GRACE_SECONDS = 5;

    private final ExchangeServices services;
    private final Map<Api, ApiAdapter> adapters;
    private final AtomicInteger activeExchanges;
    private final ProxyServer.DrainState drain;
    private final ChannelGroup channels;
    private final AgentConnectionLimit connectionLimit;

    ProxyServerInitializer(ExchangeServices services, Map<Api, ApiAdapter> adapters, AtomicInteger activeExchanges,
                           ProxyServer.DrainState drain, ChannelGroup channels, AgentConnectionLimit connectionLimit) {
        this.services = services;
        this.adapters = adapters;
        this.activeExchanges = activeExchanges;
        this.drain = drain;
        this.channels = channels;
        this.connectionLimit = connectionLimit;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ServerConfig server = services.config().server();
        channels.add(ch);
        boolean admitted = connectionLimit.admit();
        ch.closeFuture().addListener(f -> connectionLimit.release());
        // Auto-read stays on for agents: requests are aggregated under a size limit and at most a few pipelined
        // ones are queued, so reading never grows memory without bound, and a closed agent socket is seen at once.
        ch.config().setOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(server.writeBufferLowWaterMark(), server.writeBufferHighWaterMark()));
        RequestReadDeadline readDeadline = new RequestReadDeadline(server.requestReadTimeout().toNanos());
        ClientRequestReceiver receiver = new ClientRequestReceiver(services, adapters, activeExchanges, drain);
        if (!admitted) {
            receiver.refuseAsOverLimit(connectionLimit.max());
            // It is answered only to tell the agent why: one that sends nothing soon is closed.
            ch.eventLoop().schedule(() -> ch.close(), OVER_LIMIT_GRACE_SECONDS, TimeUnit.SECONDS);
        }
        LimitedRequestAggregator aggregator = new LimitedRequestAggregator(server.maxRequestBytes(),
                receiver::answerOwed, admitted ? 0 : connectionLimit.max());
        receiver.whenEarlierAnswersWritten(aggregator::earlierAnswersWritten);
        ch.pipeline()
                .addLast(REQUEST_BYTES_WATCHER, readDeadline.bytesWatcher())
                .addLast(HTTP_CODEC, new HttpServerCodec(server.maxInitialLineBytes(), server.maxHeaderBytes(), 65536))
                .addLast(REQUEST_END_WATCHER, readDeadline.endWatcher())
                .addLast(IDLE, new IdleStateHandler(0, 0, server.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .addLast(AGGREGATOR, aggregator)
                .addLast(REQUEST_RECEIVER, receiver);
    }
}
