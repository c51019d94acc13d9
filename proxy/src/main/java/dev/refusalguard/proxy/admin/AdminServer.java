package dev.refusalguard.proxy.admin;

import dev.refusalguard.proxy.config.HostPort;
import dev.refusalguard.proxy.server.NetTransport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;

import java.net.InetSocketAddress;
import java.time.Duration;

/** The admin listener: /metrics, /healthz, /readyz, /bias. Separate port so it can be exposed to Prometheus only. */
public final class AdminServer implements AutoCloseable {

    static final String HTTP_CODEC = "admin-http-codec";
    static final String KEEP_ALIVE = "admin-keep-alive";
    static final String REQUEST_DEADLINE = "admin-request-deadline";
    static final String AGGREGATOR = "admin-aggregator";
    static final String HANDLER = "admin-request-handler";

    private final Channel channel;

    /**
     * @param requestReadTimeout a connection that does not deliver a whole request this long after it opened or after
     *                           its previous request is closed ({@code server.requestReadTimeout})
     */
    public AdminServer(EventLoopGroup group, NetTransport transport, HostPort listen,
                        Duration requestReadTimeout, AdminRoutes routes)
            throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(HTTP_CODEC, new HttpServerCodec(4096, 8192, 8192))
                                .addLast(KEEP_ALIVE, new HttpServerKeepAliveHandler())
                                .addLast(AGGREGATOR, new HttpObjectAggregator(64 * 1024))
                                .addLast(REQUEST_DEADLINE, new AdminRequestDeadline(requestReadTimeout.toNanos()))
                                .addLast(HANDLER, new AdminRequestHandler(routes));
                    }
                });
        this.channel = dev.refusalguard.proxy.server.ProxyServer.bind(b, listen, "server.admin");
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(5_000);
    }
}
