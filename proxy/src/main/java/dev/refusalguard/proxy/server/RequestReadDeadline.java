package dev.refusalguard.proxy.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * The request-read deadline ({@code server.requestReadTimeout}): a client that trickles its request line, headers
 * or body (slowloris) must finish within it. The first byte of a request arms the timer ({@link BytesWatcher},
 * before the HTTP codec) and the request's last content disarms it ({@link EndWatcher}, after the codec). When it
 * passes, {@link Expired} travels down the pipeline to the request receiver, which answers 408 and closes.
 *
 * <p>The idle timeout cannot do this: a client sending one byte a minute is never idle for two.
 *
 * <p>One instance per connection; both handlers run on the connection's event loop, so no field is volatile.
 */
final class RequestReadDeadline {

    /** The request being read was not complete in time; {@code path} is its path when its head was read, else null. */
    record Expired(String path) {
    }

    private final long timeoutNanos;
    private final BytesWatcher bytesWatcher = new BytesWatcher();
    private final EndWatcher endWatcher = new EndWatcher();
    private ScheduledFuture<?> timer;
    /** Path of the request whose head has been decoded and whose body is still being read. */
    private String path;

    RequestReadDeadline(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    BytesWatcher bytesWatcher() {
        return bytesWatcher;
    }

    EndWatcher endWatcher() {
        return endWatcher;
    }

    /**
     * The path of a request target in origin form ({@code /v1/messages?x}) or absolute form
     * ({@code http://host/v1/messages}); null when it has none. Only chooses the shape of an error answer.
     */
    static String pathOf(String target) {
        int start = 0;
        int scheme = target.indexOf("://");
        if (scheme > 0 && scheme < 16) {
            start = target.indexOf('/', scheme + 3);
            if (start < 0) {
                return null;
            }
        }
        int end = start;
        while (end < target.length() && target.charAt(end) != '?' && target.charAt(end) != '#') {
            end++;
        }
        return target.substring(start, end);
    }

    /** The request target of a request line whose first bytes are {@code b} (as far as they go), or null. */
    private static String sniffTarget(ByteBuf b) {
        int from = b.readerIndex();
        while (from < b.writerIndex() && (b.getByte(from) == '\r' || b.getByte(from) == '\n')) {
            from++;
        }
        int to = Math.min(b.writerIndex(), from + 512);
        int space = -1;
        for (int i = from; i < to; i++) {
            byte c = b.getByte(i);
            if (c == '\r' || c == '\n') {
                return null;
            }
            if (c == ' ') {
                if (space >= 0) {
                    return b.toString(space + 1, i - space - 1, java.nio.charset.StandardCharsets.US_ASCII);
                }
                space = i;
            }
        }
        // The line goes on past what was read (or past the window): the target as far as it goes, enough to choose
        // an error shape for a request line too long to decode (414) or trickled too slowly (408).
        return space >= 0 && to > space + 1
                ? b.toString(space + 1, to - space - 1, java.nio.charset.StandardCharsets.US_ASCII) : null;
    }

    /**
     * Whether {@code b} holds more than the empty lines the codec skips between requests (RFC 9112 section 2.2):
     * a CRLF sent after the previous request is no request, and must not time out an idle keep-alive connection.
     */
    private static boolean startsRequest(ByteBuf b) {
        for (int i = b.readerIndex(); i < b.writerIndex(); i++) {
            byte c = b.getByte(i);
            if (c != '\r' && c != '\n') {
                return true;
            }
        }
        return false;
    }

    private void arm() {
        if (timer == null && endWatcher.ctx != null) {
            ChannelHandlerContext ctx = endWatcher.ctx;
            timer = ctx.executor().schedule(() -> {
                timer = null;
                if (ctx.channel().isActive()) {
                    ctx.fireUserEventTriggered(new Expired(path));
                }
            }, timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void disarm() {
        path = null;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** Before the codec: any request byte starts the clock if it is not running. */
    final class BytesWatcher extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf b && b.isReadable() && (timer != null || startsRequest(b))) {
                if (timer == null) {
                    // A request trickled so slowly that its head never completes still gets its API's error shape.
                    String target = sniffTarget(b);
                    path = target == null ? null : pathOf(target);
                }
                arm();
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            disarm();
            ctx.fireChannelInactive();
        }
    }

    /** After the codec: a request's end stops the clock; its expiry is fired from here, towards the receiver. */
    final class EndWatcher extends ChannelInboundHandlerAdapter {
        private ChannelHandlerContext ctx;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request) {
                if (request.decoderResult().isFailure() && path != null) {
                    // The codec names a head it could not decode "/bad-request": the target sniffed from the first
                    // bytes stands in, so the error answer takes the shape of the API the agent called.
                    request.setUri(path);
                } else {
                    path = new QueryStringDecoder(request.uri()).path();
                }
            }
            if (msg instanceof LastHttpContent) {
                disarm();
            }
            ctx.fireChannelRead(msg);
        }
    }
}
