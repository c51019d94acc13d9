package dev.refusalguard.proxy.demo;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Streams one {@link DemoReply.Stream} as a chunked {@code text/event-stream}: one event per HTTP chunk,
 * the next event written only after the previous write succeeded, plus the configured delay. Reading is
 * paused while a stream is being written (no pipelined request can interleave) and resumed at its end.
 * Stops at once if the client goes away.
 *
 * <p>All methods run on the channel's event loop, so the index needs no synchronisation.
 */
final class SseStreamWriter {

    private final ChannelHandlerContext ctx;
    private final List<SseEvent> events;
    private final boolean keepAlive;
    private final long delayNanos;

    private SseStreamWriter(ChannelHandlerContext ctx, List<SseEvent> events, boolean keepAlive, Duration delay) {
        this.ctx = ctx;
        this.events = events;
        this.keepAlive = keepAlive;
        this.delayNanos = delay.toNanos();
    }

    static void start(ChannelHandlerContext ctx, DemoReply.Stream reply, boolean keepAlive, Duration delay) {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        reply.headers().forEach((k, v) -> response.headers().set(k, v));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        HttpUtil.setTransferEncodingChunked(response, true);
        HttpUtil.setKeepAlive(response, keepAlive);
        ctx.channel().config().setAutoRead(false);
        SseStreamWriter writer = new SseStreamWriter(ctx, reply.events(), keepAlive, delay);
        ctx.writeAndFlush(response).addListener(f -> writer.afterWrite(f.isSuccess(), 0));
    }

    private void afterWrite(boolean success, int next) {
        if (!success || !ctx.channel().isActive()) {
            ctx.close();
            return;
        }
        if (delayNanos == 0 || next == 0) {
            writeEvent(next);
        } else {
            ctx.executor().schedule(() -> writeEvent(next), delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void writeEvent(int index) {
        if (!ctx.channel().isActive()) {
            return;
        }
        if (index == events.size()) {
            ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(f -> {
                if (!f.isSuccess() || !keepAlive) {
                    ctx.close();
                } else {
                    ctx.channel().config().setAutoRead(true);
                    ctx.read();
                }
            });
            return;
        }
        DefaultHttpContent chunk = new DefaultHttpContent(
                Unpooled.copiedBuffer(events.get(index).encode(), StandardCharsets.UTF_8));
        ctx.writeAndFlush(chunk).addListener(f -> afterWrite(f.isSuccess(), index + 1));
    }
}
