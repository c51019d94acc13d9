package dev.refusalguard.benchmarks.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.ScheduledFuture;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Answers {@code POST .../chat/completions} with the fixed completion, or with a stream of content chunks at a
 * fixed interval when the body asks for {@code "stream": true}; {@code GET /health} answers 200. Anything else
 * is 404. One instance per connection; its fields are touched by the connection's event loop only.
 */
final class StubUpstreamHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final byte[] STREAM_TRUE = "\"stream\":true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STREAM_TRUE_SPACED = "\"stream\": true".getBytes(StandardCharsets.US_ASCII);

    private final StubAnswers answers;
    private final long intervalNanos;
    private ScheduledFuture<?> streaming;

    StubUpstreamHandler(StubAnswers answers, long intervalNanos) {
        this.answers = answers;
        this.intervalNanos = intervalNanos;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        String path = request.uri();
        if (request.method().equals(HttpMethod.GET) && path.startsWith("/health")) {
            respond(ctx, HttpResponseStatus.OK, "text/plain", "ok\n".getBytes(StandardCharsets.US_ASCII), keepAlive);
        } else if (request.method().equals(HttpMethod.POST) && path.endsWith("/chat/completions")) {
            if (asksForStream(request.content())) {
                startStream(ctx, keepAlive);
            } else {
                respond(ctx, HttpResponseStatus.OK, "application/json", answers.completion(), keepAlive);
            }
        } else {
            respond(ctx, HttpResponseStatus.NOT_FOUND, "application/json",
                    "{\"error\":{\"message\":\"not found\",\"type\":\"invalid_request_error\"}}"
                            .getBytes(StandardCharsets.US_ASCII), keepAlive);
        }
    }

    static boolean asksForStream(ByteBuf body) {
        return contains(body, STREAM_TRUE) || contains(body, STREAM_TRUE_SPACED);
    }

    private static boolean contains(ByteBuf haystack, byte[] needle) {
        int end = haystack.writerIndex() - needle.length;
        outer:
        for (int i = haystack.readerIndex(); i <= end; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack.getByte(i + j) != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void respond(ChannelHandlerContext ctx, HttpResponseStatus status, String type, byte[] body,
                                boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(response);
        }
    }

    private void startStream(ChannelHandlerContext ctx, boolean keepAlive) {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream");
        head.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        HttpUtil.setTransferEncodingChunked(head, true);
        ctx.write(head);
        ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(answers.roleEvent())));
        ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(answers.contentEvent(0))));
        if (answers.contentEvents() == 1) {
            finishStream(ctx, keepAlive);
            return;
        }
        int[] next = {1};
        streaming = ctx.executor().scheduleAtFixedRate(() -> {
            if (!ctx.channel().isActive()) {
                cancelStream();
                return;
            }
            int i = next[0]++;
            ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(answers.contentEvent(i))));
            if (i == answers.contentEvents() - 1) {
                cancelStream();
                finishStream(ctx, keepAlive);
            }
        }, intervalNanos, intervalNanos, TimeUnit.NANOSECONDS);
    }

    private void finishStream(ChannelHandlerContext ctx, boolean keepAlive) {
        ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(answers.finishEvent())));
        ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(answers.doneEvent())));
        if (keepAlive) {
            ctx.writeAndFlush(new DefaultLastHttpContent());
        } else {
            ctx.writeAndFlush(new DefaultLastHttpContent()).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void cancelStream() {
        if (streaming != null) {
            streaming.cancel(false);
            streaming = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelStream();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
