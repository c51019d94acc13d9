package dev.refusalguard.proxy.upstream;

import dev.refusalguard.proxy.config.ServerConfig;
import dev.refusalguard.proxy.config.UpstreamConfig;
import dev.refusalguard.proxy.server.NetTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.pool.ChannelHealthChecker;
import io.netty.channel.pool.FixedChannelPool;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.Future;

import javax.net.ssl.SSLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Pooled keep-alive HTTP/1.1 client for the configured upstreams. One pool per (event loop, upstream), so an
 * exchange's upstream connection always lives on the exchange's own event loop (DESIGN.md rule 5). TLS verifies
 * the certificate chain against the JVM's trust store and the host name (endpoint identification HTTPS).
 */
public final class UpstreamClient implements AutoCloseable {

    private record PoolKey(EventLoop loop, String upstream) {
    }

    private final ServerConfig server;
    private final NetTransport transport;
    private final SslContext sslContext;
    private final Map<PoolKey, FixedChannelPool> pools = new ConcurrentHashMap<>();

    public UpstreamClient(ServerConfig server, NetTransport transport) {
        this.server = server;
        this.transport = transport;
        try {
            this.sslContext = SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS").build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot initialise TLS: " + e.getMessage(), e);
        }
    }

    /** Creates a call; {@link UpstreamCall#start()} sends it. */
    public UpstreamCall newCall(EventLoop loop, UpstreamConfig upstream, HttpMethod method, String pathAndQuery,
                                HttpHeaders headers, byte[] body, UpstreamResponseListener listener) {
        FixedChannelPool pool = pools.computeIfAbsent(new PoolKey(loop, upstream.name()), k -> newPool(k, upstream));
        return new UpstreamCall(pool, loop, upstream, method, upstream.pathPrefix() + pathAndQuery, headers, body,
                listener, server.upstreamResponseTimeout().toNanos());
    }

    private FixedChannelPool newPool(PoolKey key, UpstreamConfig upstream) {
        Bootstrap bootstrap = new Bootstrap()
                .group(key.loop())
                .channel(transport.socketChannel())
                .remoteAddress(upstream.host(), upstream.port())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) server.upstreamConnectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true);
        return new FixedChannelPool(bootstrap, new UpstreamPipeline(upstream, server, sslContext),
                ChannelHealthChecker.ACTIVE, FixedChannelPool.AcquireTimeoutAction.FAIL,
                server.upstreamConnectTimeout().toMillis() * 2, server.maxConnectionsPerUpstream(),
                server.maxPendingAcquires(), true, true);
    }

    /** Pooled connections currently open, all loops and upstreams (for tests and the admin page). */
    public int pooledConnections() {
        return pools.values().stream().mapToInt(FixedChannelPool::acquiredChannelCount).sum();
    }

    /** Longest wait for the pools to close their idle connections before the event loops are shut down. */
    static final long CLOSE_WAIT_MILLIS = 5_000;

    /**
     * Closes every pool and waits (bounded, {@link #CLOSE_WAIT_MILLIS}) until each has closed its idle connections.
     * Call it before the event loops stop: a pool closes its connections from Netty's single global executor and
     * waits there, without a bound, for each close; a connection whose loop had already stopped never closed, which
     * left that executor blocked for the rest of the JVM, and with it every later event-loop group's termination
     * (each waited out its own timeout). Never call it on an event loop.
     */
    @Override
    public void close() {
        List<Future<Void>> closing = new ArrayList<>();
        pools.values().forEach(pool -> closing.add(pool.closeAsync()));
        pools.clear();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
        for (Future<Void> f : closing) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !f.awaitUninterruptibly(left, TimeUnit.NANOSECONDS)) {
                System.err.println("refusalguard: upstream connection pools did not close within "
                        + CLOSE_WAIT_MILLIS + " ms");
                return;
            }
        }
    }
}
