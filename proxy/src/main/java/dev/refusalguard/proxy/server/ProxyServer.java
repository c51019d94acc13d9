package dev.refusalguard.proxy.server;

import dev.refusalguard.proxy.api.Api;
import dev.refusalguard.proxy.api.ApiAdapter;
import dev.refusalguard.proxy.config.HostPort;
import dev.refusalguard.proxy.exchange.ExchangeServices;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Bootstrap of the agent-facing listener, and its graceful drain. */
public final class ProxyServer implements AutoCloseable {

    /** Set once at drain start; read by connection handlers on any loop. */
    static final class DrainState {
        private volatile boolean draining;

        boolean draining() {
            return draining;
        }
    }

    private final AtomicInteger activeExchanges = new AtomicInteger();
    private final DrainState drain = new DrainState();
    private final ChannelGroup channels = new DefaultChannelGroup("agent-connections", GlobalEventExecutor.INSTANCE);
    private final Channel serverChannel;
    private final AgentConnectionLimit connectionLimit;

    public ProxyServer(EventLoopGroup group, NetTransport transport, HostPort listen, ExchangeServices services,
                       Map<Api, ApiAdapter> adapters)
            throws InterruptedException {
        this.connectionLimit = new AgentConnectionLimit(services.config().server().maxConnections());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                // A client may shut down its sending side once its request is out (nc -N, shutdownOutput()): with
                // this, that arrives as ChannelInputShutdownEvent and the request is still answered.
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, services.config().server().answerHalfClosed())
                .childHandler(new ProxyServerInitializer(services, adapters, activeExchanges, drain, channels,
                        connectionLimit));
        this.serverChannel = bind(bootstrap, listen, "server.listen");
    }

    /**
     * Binds, turning a bind failure (thrown unchecked by Netty) into one that names the address and its key:
     * "cannot listen on 127.0.0.1:8080 (server.listen): Address already in use".
     */
    public static Channel bind(io.netty.bootstrap.AbstractBootstrap<?, ?> bootstrap, HostPort address, String key)
            throws InterruptedException {
        try {
            return bootstrap.bind(address.host(), address.port()).sync().channel();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot listen on " + address + " (" + key + "): " + e.getMessage(), e);
        }
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    public int activeExchanges() {
        return activeExchanges.get();
    }

    /** Agent connections open now, over-limit ones still being answered included. */
    public int openConnections() {
        return connectionLimit.open();
    }

    /** Agent connections accepted over {@code server.maxConnections} since start (answered 503, then closed). */
    public long rejectedConnections() {
        return connectionLimit.rejected();
    }

    public boolean draining() {
        return drain.draining();
    }

    /**
     * Stops accepting, lets in-flight requests and streams finish up to {@code timeout}, then closes what is left.
     *
     * @return true when everything finished in time
     */
    public boolean drain(Duration timeout) throws InterruptedException {
        drain.draining = true;
        serverChannel.close().sync();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (activeExchanges.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        boolean clean = activeExchanges.get() == 0;
        channels.close().awaitUninterruptibly(1_000);
        return clean;
    }

    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly(5_000);
        channels.close().awaitUninterruptibly(5_000);
    }
}
