package dev.refusalguard.proxy.server;

import dev.refusalguard.proxy.api.Api;
import dev.refusalguard.proxy.api.ApiErrors;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpExpectationFailedEvent;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;

import java.util.function.BooleanSupplier;

/**
 * Aggregates an agent request under {@code server.maxRequestBytes}; an oversized one is answered 413 in the
 * calling API's error shape (not Netty's empty 413) and the connection is closed, since the rest of its body
 * is not read. The same holds when the client announced the body with {@code Expect: 100-continue}.
 *
 * <p>A {@code 100 Continue} for a pipelined request waits until every earlier answer has been written in full
 * ({@link #earlierAnswersWritten()}): sent at once it would land inside (or before) the answer being relayed.
 * Only the connection's event loop touches the fields, so none is volatile.
 */
final class LimitedRequestAggregator extends HttpObjectAggregator {

    private final int maxBytes;
    /** The cap this connection was accepted over (its first request gets 503), or 0 for an admitted connection. */
    private final int overLimitOf;
    /** True while an earlier request of this connection is still being answered (or waits to be). */
    private final BooleanSupplier answerOwed;
    private ChannelHandlerContext ctx;
    /** The {@code 100 Continue} of the request being aggregated, held until the earlier answers are out. */
    private Object deferredContinue;

    LimitedRequestAggregator(int maxBytes, BooleanSupplier answerOwed) {
        this(maxBytes, answerOwed, 0);
    }

    /**
     * For a connection accepted over {@code server.maxConnections} ({@code overLimitOf} > 0) no body is read: a
     * request announcing one gets the 503 at its head (never a {@code 100 Continue}), so a crowd of connections
     * over the cap cannot each make the proxy hold up to {@code maxBytes}.
     */
    LimitedRequestAggregator(int maxBytes, BooleanSupplier answerOwed, int overLimitOf) {
        super(overLimitOf > 0 ? 0 : maxBytes, true);
        this.maxBytes = maxBytes;
        this.answerOwed = answerOwed;
        this.overLimitOf = overLimitOf;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        super.handlerAdded(ctx);
    }

    /** Every earlier answer is written: a held {@code 100 Continue} goes out now, if its body is still awaited. */
    void earlierAnswersWritten() {
        Object pending = deferredContinue;
        if (pending != null) {
            deferredContinue = null;
            ctx.writeAndFlush(pending).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }

    @Override
    protected void finishAggregation(FullHttpMessage aggregated) throws Exception {
        // The body came without waiting for the 100 (clients stop waiting after a while): none is owed any more.
        dropDeferredContinue();
        super.finishAggregation(aggregated);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        dropDeferredContinue();
        super.channelInactive(ctx);
    }

    private void dropDeferredContinue() {
        if (deferredContinue != null) {
            ReferenceCountUtil.release(deferredContinue);
            deferredContinue = null;
        }
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        // The rest of the body may still be on its way: linger, so the 413 is not lost to a reset.
        ctx.writeAndFlush(rejection(oversized)).addListener(LingeringClose.AFTER_WRITE);
    }

    /**
     * A request announcing an oversized body with {@code Expect: 100-continue} (curl does this above 1 MB) gets the
     * same JSON 413 instead of Netty's empty one, before the body is sent; the aggregator then closes the
     * connection (closeOnExpectationFailed), since the client may still send the body we will not read.
     */
    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        if (HttpUtil.is100ContinueExpected(start) && HttpUtil.getContentLength(start, -1L) > maxContentLength) {
            pipeline.fireUserEventTriggered(HttpExpectationFailedEvent.INSTANCE);
            start.headers().remove(HttpHeaderNames.EXPECT);
            return rejection(start);
        }
        Object continueResponse = super.newContinueResponse(start, maxContentLength, pipeline);
        if (continueResponse instanceof FullHttpResponse r && r.status().equals(HttpResponseStatus.CONTINUE)
                && answerOwed.getAsBoolean()) {
            // Only a 100 waits: a 417 (an unknown expectation) goes out as Netty sends it.
            dropDeferredContinue();
            deferredContinue = continueResponse;
            return null;
        }
        return continueResponse;
    }

    private FullHttpResponse rejection(HttpMessage oversized) {
        String path = oversized instanceof HttpRequest r ? new QueryStringDecoder(r.uri()).path() : "/";
        Api api = Api.forPath(path) != null ? Api.forPath(path) : Api.errorShapeForPath(path);
        boolean overLimit = overLimitOf > 0;
        byte[] body = overLimit
                ? ApiErrors.body(api, 503, "overloaded", AgentConnectionLimit.overLimitMessage(overLimitOf))
                : ApiErrors.body(api, 413, "request_too_large", "The request body exceeds the proxy's limit of "
                        + maxBytes + " bytes (server.maxRequestBytes).");
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, overLimit
                ? HttpResponseStatus.SERVICE_UNAVAILABLE : HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                Unpooled.wrappedBuffer(body));
        if (overLimit) {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
        }
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        response.headers().set(dev.refusalguard.proxy.exchange.ProxyHeaders.REQUEST_ID, RequestIds.next());
        HttpUtil.setContentLength(response, body.length);
        HttpUtil.setKeepAlive(response, false);
        return response;
    }
}
