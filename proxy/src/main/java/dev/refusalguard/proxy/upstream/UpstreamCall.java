package dev.refusalguard.proxy.upstream;

import dev.refusalguard.proxy.config.UpstreamConfig;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.pool.ChannelPool;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.ConnectException;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP request to an upstream over a pooled keep-alive connection, on the exchange's event loop.
 *
 * <p>A request that fails on a reused connection before any response byte (the peer had closed the idle
 * connection) is sent once more on a fresh connection; nothing else is ever retried here. Every field is only
 * touched on {@code loop}, so none needs to be volatile.
 */
public final class UpstreamCall {

    static final AttributeKey<Integer> USES = AttributeKey.valueOf("refusalguard.uses");

    private final ChannelPool pool;
    private final EventLoop loop;
    private final UpstreamConfig upstream;
    private final HttpMethod method;
    private final String uri;
    private final HttpHeaders headers;
    private final byte[] body;
    private final UpstreamResponseListener listener;
    private final long responseTimeoutNanos;

    private Channel channel;
    private boolean responseStarted;
    private boolean finished;
    private boolean staleRetryUsed;
    private boolean keepAlive;
    /** The listener asked for more and has not been given a body piece since: keep reading the socket. */
    private boolean demand;
    private long lastActivityNanos;
    private ScheduledFuture<?> timeoutCheck;
    private final long startNanos = System.nanoTime();

    UpstreamCall(ChannelPool pool, EventLoop loop, UpstreamConfig upstream, HttpMethod method, String uri,
                 HttpHeaders headers, byte[] body, UpstreamResponseListener listener, long responseTimeoutNanos) {
        this.pool = pool;
        this.loop = loop;
        this.upstream = upstream;
        this.method = method;
        this.uri = uri;
        this.headers = headers;
        this.body = body;
        this.listener = listener;
        this.responseTimeoutNanos = responseTimeoutNanos;
    }

    public UpstreamConfig upstream() {
        return upstream;
    }

    public long startNanos() {
        return startNanos;
    }

    /** Sends the request. Callbacks follow on the event loop. */
    public void start() {
        if (!loop.inEventLoop()) {
            loop.execute(this::start);
            return;
        }
        acquireAndSend();
    }

    /** Asks for the next piece of the response (auto-read is off on upstream channels). */
    public void read() {
        Channel ch = channel;
        if (ch != null && !finished) {
            if (timeoutCheck == null) {
                // Reading again after suspendTimeout(): the silence limit counts from now.
                lastActivityNanos = System.nanoTime();
                scheduleTimeoutCheck(responseTimeoutNanos);
            }
            demand = true;
            ch.read();
        }
    }

    /**
     * The listener keeps this response but will not read it for a while (a refused stream kept in case recovery
     * fails): the silence limit is suspended until the next {@link #read()}, since no byte can arrive unread.
     */
    public void suspendTimeout() {
        if (!finished) {
            cancelTimeout();
        }
    }

    /** A socket read ended; if it produced no body piece the listener still waits for, read again. */
    void onReadComplete() {
        Channel ch = channel;
        if (demand && ch != null && !finished) {
            ch.read();
        }
    }

    /** Stops the call: closes its connection (never reused) and suppresses further callbacks. */
    public void abort() {
        if (finished) {
            return;
        }
        finished = true;
        cancelTimeout();
        Channel ch = channel;
        channel = null;
        if (ch != null) {
            receiver(ch).detach();
            ch.close();
            pool.release(ch);
        }
    }

    public boolean finished() {
        return finished;
    }

    private void acquireAndSend() {
        pool.acquire().addListener((Future<Channel> f) -> {
            if (finished) {
                if (f.isSuccess()) {
                    pool.release(f.getNow());
                }
                return;
            }
            if (!f.isSuccess()) {
                Throwable cause = f.cause();
                UpstreamFailure kind = cause instanceof IllegalStateException
                        || cause instanceof java.util.concurrent.TimeoutException
                        ? UpstreamFailure.POOL_EXHAUSTED : UpstreamFailure.CONNECT;
                fail(kind, cause);
                return;
            }
            send(f.getNow());
        });
    }

    private void send(Channel ch) {
        channel = ch;
        Integer uses = ch.attr(USES).get();
        boolean reused = uses != null && uses > 0;
        ch.attr(USES).set(uses == null ? 1 : uses + 1);
        receiver(ch).attach(this);
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri,
                Unpooled.wrappedBuffer(body));
        request.headers().set(headers);
        request.headers().set(HttpHeaderNames.HOST, upstream.hostHeader());
        DecodableEncodings.narrowIn(request.headers());
        HttpUtil.setContentLength(request, body.length);
        lastActivityNanos = System.nanoTime();
        scheduleTimeoutCheck(responseTimeoutNanos);
        demand = true;
        ch.writeAndFlush(request).addListener(w -> {
            if (!w.isSuccess() && channel == ch && !responseStarted) {
                if (isTlsFailure(w.cause())) {
                    onChannelClosed(w.cause());
                    return;
                }
                retryOrFail(ch, reused, UpstreamFailure.RESET, w.cause());
            }
        });
        ch.read();
    }

    private void retryOrFail(Channel ch, boolean reused, UpstreamFailure kind, Throwable cause) {
        if (finished) {
            return;
        }
        receiver(ch).detach();
        channel = null;
        ch.close();
        pool.release(ch);
        if (reused && !responseStarted && !staleRetryUsed) {
            staleRetryUsed = true;
            cancelTimeout();
            acquireAndSend();
            return;
        }
        fail(kind, cause);
    }

    /** Called by the receiver for every decoded response object. */
    void onMessage(Object msg) {
        if (finished) {
            ReferenceCountUtil.release(msg);
            return;
        }
        lastActivityNanos = System.nanoTime();
        if (msg instanceof HttpObject obj && obj.decoderResult().isFailure()) {
            ReferenceCountUtil.release(msg);
            Throwable cause = obj.decoderResult().cause();
            abortWith(cause instanceof TooLongFrameException ? UpstreamFailure.TOO_LARGE : UpstreamFailure.PROTOCOL,
                    cause);
            return;
        }
        if (msg instanceof HttpResponse head) {
            responseStarted = true;
            keepAlive = HttpUtil.isKeepAlive(head);
            listener.onHead(this, head);
        }
        if (msg instanceof HttpContent content) {
            demand = false;
            boolean last = content instanceof LastHttpContent;
            if (last) {
                complete();
            }
            listener.onContent(this, content, last);
        } else if (!(msg instanceof HttpResponse)) {
            ReferenceCountUtil.release(msg);
        }
    }

    /** Called by the receiver when the connection closed or failed. */
    void onChannelClosed(Throwable cause) {
        if (finished) {
            return;
        }
        Channel ch = channel;
        if (ch == null) {
            return;
        }
        if (isTlsFailure(cause)) {
            receiver(ch).detach();
            channel = null;
            ch.close();
            pool.release(ch);
            fail(UpstreamFailure.TLS, cause);
            return;
        }
        Integer uses = ch.attr(USES).get();
        boolean reused = uses != null && uses > 1;
        retryOrFail(ch, reused, UpstreamFailure.RESET, cause);
    }

    private static boolean isTlsFailure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException) {
                return true;
            }
        }
        return false;
    }

    private void complete() {
        finished = true;
        cancelTimeout();
        Channel ch = channel;
        channel = null;
        if (ch != null) {
            receiver(ch).detach();
            if (!keepAlive) {
                ch.close();
            }
            pool.release(ch);
        }
    }

    private void abortWith(UpstreamFailure kind, Throwable cause) {
        abort();
        listener.onFailure(this, kind, cause);
    }

    private void fail(UpstreamFailure kind, Throwable cause) {
        if (finished) {
            return;
        }
        finished = true;
        cancelTimeout();
        listener.onFailure(this, kind, cause == null ? new ConnectException("upstream " + upstream.name()) : cause);
    }

    private void scheduleTimeoutCheck(long delayNanos) {
        timeoutCheck = loop.schedule(this::checkTimeout, Math.max(delayNanos, 1_000_000L), TimeUnit.NANOSECONDS);
    }

    private void checkTimeout() {
        if (finished) {
            return;
        }
        long idle = System.nanoTime() - lastActivityNanos;
        if (idle >= responseTimeoutNanos) {
            abortWith(UpstreamFailure.TIMEOUT, new java.util.concurrent.TimeoutException(
                    "no upstream response byte for " + TimeUnit.NANOSECONDS.toMillis(idle) + " ms"));
        } else {
            scheduleTimeoutCheck(responseTimeoutNanos - idle);
        }
    }

    private void cancelTimeout() {
        if (timeoutCheck != null) {
            timeoutCheck.cancel(false);
            timeoutCheck = null;
        }
    }

    private static OriginResponseReceiver receiver(Channel ch) {
        return (OriginResponseReceiver) ch.pipeline().get(UpstreamPipeline.RESPONSE_RECEIVER);
    }
}
