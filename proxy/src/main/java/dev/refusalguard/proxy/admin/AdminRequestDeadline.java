package dev.refusalguard.proxy.admin;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * Closes an admin connection that does not deliver a whole request within {@code server.requestReadTimeout} of
 * being opened or of its previous request: a scraper that trickles its headers or holds the socket open idle gets
 * the same limit as an agent, so the admin port cannot be filled with connections that never finish a request.
 * Admin requests are small and answered at once, so one window per request is enough.
 *
 * <p>One instance per connection; it runs on the connection's event loop only, so the timer needs no volatile.
 */
final class AdminRequestDeadline extends ChannelDuplexHandler {

    private final long timeoutNanos;
    private ScheduledFuture<?> timer;

    AdminRequestDeadline(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        arm(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest) {
            disarm();
            ctx.fireChannelRead(msg);
            if (ctx.channel().isActive()) {
                arm(ctx);
            }
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        disarm();
        ctx.fireChannelInactive();
    }

    private void arm(ChannelHandlerContext ctx) {
        disarm();
        timer = ctx.executor().schedule(() -> {
            timer = null;
            ctx.close();
        }, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void disarm() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
