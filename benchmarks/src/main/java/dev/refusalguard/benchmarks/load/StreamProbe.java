package dev.refusalguard.benchmarks.load;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;

import java.nio.charset.StandardCharsets;

/**
 * Sends one streaming request on a fresh connection and times it: first response byte (the status line), first
 * token (the first SSE event whose {@code delta.content} is not empty), and the end (last chunk after
 * {@code data: [DONE]}). Times count from the stream's due time, connection set-up included. One event loop
 * touches it.
 */
final class StreamProbe extends SimpleChannelInboundHandler<HttpObject> {

    /** Outcome sink, called once per stream on the loop. */
    interface Listener {
        void finished(StreamProbe probe);
    }

    static final String TOKEN_MARK = "\"content\":\"";
    static final String DONE_MARK = "data: [DONE]";
    static final int MAX_SCAN_CHARS = 1 << 20;

    private final Target target;
    private final long dueNanos;
    private final Listener listener;
    private final StringBuilder scan = new StringBuilder();
    private long firstByteNanos;
    private long firstTokenNanos;
    private long endNanos;
    private int status;
    private boolean sawDone;
    private String failure;
    private boolean reported;

    StreamProbe(Target target, long dueNanos, Listener listener) {
        this.target = target;
        this.dueNanos = dueNanos;
        this.listener = listener;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ctx.writeAndFlush(ChatRequests.newRequest(target, true));
        super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
        long now = System.nanoTime();
        if (msg instanceof HttpResponse response) {
            firstByteNanos = now;
            status = response.status().code();
        }
        if (msg instanceof HttpContent content) {
            if (firstByteNanos == 0) {
                firstByteNanos = now;
            }
            scanFor(content.content().toString(StandardCharsets.UTF_8), now);
            if (msg instanceof LastHttpContent) {
                endNanos = now;
                if (status != 200) {
                    failure = "status " + status;
                } else if (!sawDone) {
                    failure = "ended without [DONE]";
                } else if (firstTokenNanos == 0) {
                    failure = "no token";
                }
                report();
                ctx.close();
            }
        }
    }

    /** Looks for the first non-empty content delta and for [DONE], keeping only a short tail between chunks. */
    private void scanFor(String text, long now) {
        scan.append(text);
        if (firstTokenNanos == 0) {
            int from = 0;
            int at;
            while ((at = scan.indexOf(TOKEN_MARK, from)) >= 0) {
                int next = at + TOKEN_MARK.length();
                if (next < scan.length() && scan.charAt(next) != '"') {
                    firstTokenNanos = now;
                    break;
                }
                from = next;
            }
        }
        if (scan.indexOf(DONE_MARK) >= 0) {
            sawDone = true;
        }
        int keep = Math.max(TOKEN_MARK.length(), DONE_MARK.length()) + 1;
        if (firstTokenNanos != 0 || scan.length() > MAX_SCAN_CHARS) {
            if (scan.length() > keep) {
                scan.delete(0, scan.length() - keep);
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (!reported) {
            endNanos = System.nanoTime();
            failure = status == 0 ? "closed before answer" : "closed mid-stream";
            report();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!reported) {
            endNanos = System.nanoTime();
            failure = cause.getClass().getSimpleName();
            report();
        }
        ctx.close();
    }

    /** Called when the connection could not be opened. */
    void connectFailed(Throwable cause) {
        endNanos = System.nanoTime();
        failure = "connect: " + cause.getClass().getSimpleName();
        report();
    }

    private void report() {
        if (!reported) {
            reported = true;
            listener.finished(this);
        }
    }

    long dueNanos() {
        return dueNanos;
    }

    long firstByteNanos() {
        return firstByteNanos;
    }

    long firstTokenNanos() {
        return firstTokenNanos;
    }

    long endNanos() {
        return endNanos;
    }

    String failure() {
        return failure;
    }
}
