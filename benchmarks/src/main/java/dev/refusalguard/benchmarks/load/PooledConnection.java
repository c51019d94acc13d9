package dev.refusalguard.benchmarks.load;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpUtil;

/**
 * One keep-alive HTTP/1.1 connection carrying one request at a time; reports each answer to its pool. Only the
 * pool's event loop touches it, so its fields need no volatile.
 */
final class PooledConnection extends SimpleChannelInboundHandler<FullHttpResponse> {

    private static final long IDLE = Long.MIN_VALUE;

    private final ConnectionPool pool;
    private Channel channel;
    private long intendedNanos = IDLE;

    PooledConnection(ConnectionPool pool) {
        this.pool = pool;
    }

    void send(FullHttpRequest request, long intended) {
        intendedNanos = intended;
        channel.writeAndFlush(request).addListener(f -> {
            if (!f.isSuccess()) {
                channel.close();
            }
        });
    }

    void closeChannel() {
        if (channel != null) {
            channel.close();
        }
    }

    boolean busy() {
        return intendedNanos != IDLE;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // Set here, not in channelActive: the connect future's listeners run before channelActive fires.
        channel = ctx.channel();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
        long end = System.nanoTime();
        long intended = intendedNanos;
        intendedNanos = IDLE;
        boolean ok = response.status().code() == 200 && response.content().isReadable();
        boolean reusable = HttpUtil.isKeepAlive(response);
        if (!reusable) {
            ctx.close();
        }
        pool.answered(this, intended, end, ok ? null : "status " + response.status().code(), reusable);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        long intended = intendedNanos;
        intendedNanos = IDLE;
        pool.closed(this, intended == IDLE ? null : intended);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
