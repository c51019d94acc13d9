package dev.refusalguard.proxy.exchange;

import dev.refusalguard.proxy.api.Api;
import dev.refusalguard.proxy.api.ApiErrors;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Writes the answer to the agent: a full response, or a streamed head followed by events. Knows whether the
 * head went out, so a failure after it closes the connection instead of sending a second status line.
 * Answers in the agent's HTTP version: an HTTP/1.0 agent knows no chunked encoding, so a full answer gets a
 * Content-Length and a stream of unknown length is written raw and ended by closing the connection.
 * One instance per exchange, used only on the agent channel's event loop.
 */
final class AgentResponder {

    private final ChannelHandlerContext ctx;
    private final HttpVersion version;
    private boolean keepAlive;
    private boolean headSent;
    private boolean ended;

    /**
     * @param keepAlive     the agent may send another request on this connection after this answer
     * @param agentVersion  the HTTP version of the agent's request
     */
    AgentResponder(ChannelHandlerContext ctx, boolean keepAlive, HttpVersion agentVersion) {
        this.ctx = ctx;
        this.keepAlive = keepAlive;
        this.version = agentVersion.equals(HttpVersion.HTTP_1_0) ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1;
    }

    private boolean http10() {
        return version == HttpVersion.HTTP_1_0;
    }

    boolean headSent() {
        return headSent;
    }

    boolean ended() {
        return ended;
    }

    boolean writable() {
        return ctx.channel().isWritable();
    }

    /**
     * Sends a complete response; takes ownership of {@code body} and of {@code headers} (a fresh set the caller
     * no longer uses: the response carries it as it is, without a copy).
     */
    void sendFull(int status, HttpHeaders headers, ByteBuf body, Runnable afterWrite) {
        if (headSent) {
            body.release();
            return;
        }
        headSent = true;
        ended = true;
        FullHttpResponse response = new DefaultFullHttpResponse(version, HttpResponseStatus.valueOf(status), body,
                headers, new DefaultHttpHeaders());
        response.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
        HttpUtil.setContentLength(response, body.readableBytes());
        HttpUtil.setKeepAlive(response, keepAlive);
        ctx.writeAndFlush(response).addListener(f -> {
            if (!keepAlive || !f.isSuccess()) {
                ctx.close();
            }
            afterWrite.run();
        });
    }

    /** An error in the API's own JSON shape (only if the head has not gone out; otherwise the stream is cut). */
    void sendError(Api api, int status, String code, String message, HttpHeaders extra, Runnable afterWrite) {
        if (headSent) {
            abortStream();
            afterWrite.run();
            return;
        }
        HttpHeaders headers = extra.copy();
        headers.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        sendFull(status, headers, Unpooled.wrappedBuffer(ApiErrors.body(api, status, code, message)), afterWrite);
    }

    /**
     * Sends the head of a streamed answer: chunked for HTTP/1.1; for HTTP/1.0 with a Content-Length when
     * {@code contentLength} is known (a relayed body whose length the upstream stated, else -1), otherwise raw
     * bytes ended by closing the connection.
     */
    void sendStreamHead(int status, HttpHeaders headers, long contentLength) {
        headSent = true;
        HttpResponse response = new DefaultHttpResponse(version, HttpResponseStatus.valueOf(status));
        response.headers().set(headers);
        response.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
        response.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
        if (!http10()) {
            HttpUtil.setTransferEncodingChunked(response, true);
        } else if (contentLength >= 0) {
            HttpUtil.setContentLength(response, contentLength);
        } else {
            keepAlive = false;
        }
        HttpUtil.setKeepAlive(response, keepAlive);
        if (http10() && !keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        ctx.write(response, ctx.voidPromise());
    }

    /** Sends the head of a streamed answer whose length is not known in advance. */
    void sendStreamHead(int status, HttpHeaders headers) {
        sendStreamHead(status, headers, -1);
    }

    /** Queues one event's bytes; takes ownership. */
    void writeEvent(ByteBuf event) {
        ctx.write(new DefaultHttpContent(event), ctx.voidPromise());
    }

    /** An SSE comment line, which clients skip; written between events only. */
    private static final byte[] SSE_COMMENT = ":\n\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** Writes and flushes an SSE comment between two events; a failed write closes the connection. */
    void writeComment() {
        ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(SSE_COMMENT)))
                .addListener(io.netty.channel.ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    void flush() {
        ctx.flush();
    }

    /** Ends the streamed answer. */
    void endStream(Runnable afterWrite) {
        if (ended) {
            return;
        }
        ended = true;
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(f -> {
            if (!keepAlive || !f.isSuccess()) {
                ctx.close();
            }
            afterWrite.run();
        });
    }

    /** A stream cannot carry a second status: cut the connection so the agent sees an incomplete answer. */
    void abortStream() {
        ended = true;
        ctx.flush();
        ctx.close();
    }
}
