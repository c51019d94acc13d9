package dev.refusalguard.proxy.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refusalguard.proxy.api.Api;
import dev.refusalguard.proxy.api.ApiAdapter;
import dev.refusalguard.proxy.api.ApiErrors;
import dev.refusalguard.proxy.api.ApiRequestException;
import dev.refusalguard.proxy.api.ParsedRequest;
import dev.refusalguard.proxy.api.RequestJson;
import dev.refusalguard.proxy.exchange.AgentExchange;
import dev.refusalguard.proxy.exchange.ExchangeServices;
import dev.refusalguard.proxy.exchange.LlmExchange;
import dev.refusalguard.proxy.exchange.PassThroughExchange;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Receives agent requests (already aggregated and size-checked), routes them, and runs one exchange at a time
 * per connection; pipelined requests wait in a short queue and are answered in order. When the queue is full the
 * connection stops being read until it drains (TCP pushes back on the client). Owns each request until it has been
 * turned into an exchange, and releases it in every case.
 *
 * <p>A client that shuts down its sending side (half-close) after its requests still gets every answer; the
 * connection is closed once the last one is written. A half-close in the middle of a request ends the connection.
 *
 * <p>Fields are touched only on this channel's event loop, so none needs to be volatile.
 */
final class ClientRequestReceiver extends ChannelInboundHandlerAdapter {

    /** Strict about duplicate names (see {@link RequestJson#STRICT}). */
    private static final ObjectMapper JSON = RequestJson.STRICT;
    /** Requests waiting behind the one being answered before reading pauses. */
    static final int MAX_PIPELINED = 16;

    private final ExchangeServices services;
    private final Map<Api, ApiAdapter> adapters;
    private final AtomicInteger activeExchanges;
    private final ProxyServer.DrainState drain;
    private final ArrayDeque<FullHttpRequest> pipelined = new ArrayDeque<>();
    private AgentExchange current;
    private ChannelHandlerContext ctx;
    /** HTTP version of the request being handled: the proxy's own error answers use it. */
    private HttpVersion requestVersion = HttpVersion.HTTP_1_1;
    /** The client will send nothing more (half-close): close once every request read is answered. */
    private boolean inputShutdown;
    /** The last answer ends the connection (Connection: close, an error that closes, drain): read nothing more. */
    private boolean closing;
    /** The next request was not read in time while another was being answered: 408 once that one is done. */
    private RequestReadDeadline.Expired readExpired;
    /** The next liveness probe of a half-closed client (see {@link #probeHalfClosedClient()}), or null. */
    private ScheduledFuture<?> probe;
    private long probeDelayMillis;
    /** Inside {@link #serveWaiting()}: an exchange finishing synchronously must not re-enter it. */
    private boolean serving;
    /** Told when every request read so far has been answered in full (a held 100 Continue may go out). */
    private Runnable earlierAnswersWritten = () -> { };
    /** This connection was accepted over {@code server.maxConnections}: its first request gets 503, then it closes. */
    private int overLimitOf;

    ClientRequestReceiver(ExchangeServices services, Map<Api, ApiAdapter> adapters, AtomicInteger activeExchanges,
                          ProxyServer.DrainState drain) {
        this.services = services;
        this.adapters = adapters;
        this.activeExchanges = activeExchanges;
        this.drain = drain;
    }

    /** Refuse this connection's first request as over the cap of {@code max} open connections, then close. */
    void refuseAsOverLimit(int max) {
        this.overLimitOf = max;
    }

    void whenEarlierAnswersWritten(Runnable then) {
        this.earlierAnswersWritten = then;
    }

    /** A request read earlier is still being answered or waits to be: an interim response now would be misplaced. */
    boolean answerOwed() {
        return current != null || !pipelined.isEmpty();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (closing || readExpired != null) {
            // After a request that ends the connection nothing more is served (RFC 9112 section 9.6). A request
            // completed after its read deadline passed is answered by the pending 408 alone, which then closes.
            request.release();
            return;
        }
        pipelined.add(request);
        if (pipelined.size() >= MAX_PIPELINED) {
            // Requests already decoded from one read still arrive; the queue is bounded by what one read holds.
            ctx.channel().config().setAutoRead(false);
        }
        serveWaiting();
    }

    /** Starts the waiting requests in order, one exchange at a time; closes a half-closed connection when done. */
    private void serveWaiting() {
        if (serving) {
            return;
        }
        serving = true;
        try {
            while (current == null && !closing && ctx.channel().isActive()) {
                FullHttpRequest next = pipelined.poll();
                if (next == null) {
                    break;
                }
                if (pipelined.size() < MAX_PIPELINED && !ctx.channel().config().isAutoRead()) {
                    ctx.channel().config().setAutoRead(true);
                }
                try {
                    handle(next);
                } finally {
                    next.release();
                }
            }
        } finally {
            serving = false;
        }
        if (current != null || closing || !ctx.channel().isActive() || !pipelined.isEmpty()) {
            return;
        }
        if (readExpired != null) {
            requestReadTimedOut(readExpired);
        } else if (inputShutdown) {
            closing = true;
            closeAfterWrites();
        } else {
            earlierAnswersWritten.run();
        }
    }

    /** Closes once everything written so far has gone out (an empty buffer passes the HTTP encoder untouched). */
    private void closeAfterWrites() {
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    private void handle(FullHttpRequest request) {
        requestVersion = request.protocolVersion();
        boolean keepAlive = HttpUtil.isKeepAlive(request) && !drain.draining();
        if (!keepAlive) {
            closing = true;
        }
        String uri = request.uri();
        QueryStringDecoder decoder = new QueryStringDecoder(uri);
        String path = decoder.path();
        // An absolute-form target (http://host/v1/messages) is refused below, in the shape of the API it names.
        Api errorShape = Api.errorShapeForPath(uri.startsWith("/") ? path : RequestReadDeadline.pathOf(uri));
        if (request.decoderResult().isFailure()) {
            // The codec stands in HTTP/1.0 for a head it could not read; the answer is HTTP/1.1 with a length and a close.
            requestVersion = HttpVersion.HTTP_1_1;
            Throwable cause = request.decoderResult().cause();
            int status = cause instanceof TooLongHttpHeaderException ? 431
                    : cause instanceof TooLongHttpLineException ? 414
                    : cause instanceof TooLongFrameException ? 413 : 400;
            respondError(errorShape, status, "invalid_request",
                    status == 431 ? "Request headers exceed the proxy's limit."
                            : status == 414 ? "Request line exceeds the proxy's limit."
                            : "Malformed HTTP request.", false);
            return;
        }
        if (overLimitOf > 0) {
            respondError(errorShape, 503, "overloaded", AgentConnectionLimit.overLimitMessage(overLimitOf),
                    null, false, "1");
            return;
        }
        if (request.protocolVersion().majorVersion() != 1) {
            // HTTP/1.x is all this codec speaks; a request line naming another major version (HTTP/9.9) is refused.
            respondError(errorShape, 505, "http_version_not_supported",
                    "Only HTTP/1.0 and HTTP/1.1 are supported.", false);
            return;
        }
        if (request.protocolVersion().minorVersion() >= 1 && request.headers().getAll(HttpHeaderNames.HOST).size() != 1) {
            // RFC 9112, section 3.2: an HTTP/1.1 request without exactly one Host header gets 400.
            respondError(errorShape, 400, "invalid_request",
                    "An HTTP/1.1 request must carry exactly one Host header.", false);
            return;
        }
        if (request.headers().contains(HttpHeaderNames.TRANSFER_ENCODING)) {
            // The aggregator removes a plain "chunked"; what is left names another coding ("gzip, chunked"), which
            // the codec de-chunks but never decodes: forwarded, the body would be gzip framed as plain (RFC 9112,
            // section 6.1: 501). The connection closes, as after any request whose body framing is in doubt.
            respondError(errorShape, 501, "unsupported_transfer_encoding", "Transfer-Encoding "
                    + request.headers().get(HttpHeaderNames.TRANSFER_ENCODING) + " is not supported; send the body"
                    + " with Content-Length or Transfer-Encoding: chunked alone.", false);
            return;
        }
        if (!uri.startsWith("/") || request.method() == HttpMethod.CONNECT) {
            // After CONNECT the client would start a tunnel on this connection: close it after the answer.
            respondError(errorShape, 400, "not_a_proxy_request",
                    "RefusalGuard only forwards to its configured upstreams; absolute URIs and CONNECT are refused.",
                    keepAlive && request.method() != HttpMethod.CONNECT);
            return;
        }
        if (RequestTargets.hasDotSegment(uri)) {
            respondError(errorShape, 400, "invalid_path", "The request path must not contain '.' or '..' segments"
                    + " (plain or percent-encoded).", keepAlive);
            return;
        }
        Api api = Api.forPath(path);
        if (api != null && request.method() == HttpMethod.POST) {
            startLlmExchange(api, request, keepAlive);
        } else {
            startPassThrough(request, errorShape, keepAlive);
        }
    }

    private void startLlmExchange(Api api, FullHttpRequest request, boolean keepAlive) {
        ApiAdapter adapter = adapters.get(api);
        if (adapter == null) {
            startPassThrough(request, api, keepAlive);
            return;
        }
        String encoding = request.headers().get(HttpHeaderNames.CONTENT_ENCODING);
        if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
            // The body has to be read to be judged and rewritten; a compressed one would only fail as invalid JSON.
            respondError(api, 415, "unsupported_content_encoding", "The request body must not be compressed"
                    + " (Content-Encoding: " + encoding.trim() + "); send it as plain JSON.", keepAlive);
            return;
        }
        byte[] bytes = ByteBufUtil.getBytes(request.content());
        // The common request is read without a tree (built later only if a translation or recovery needs it);
        // anything the quick reader does not accept goes through the tree, which also words every error answer.
        ParsedRequest parsed = adapter.parseBytes(bytes);
        RequestJson body;
        if (parsed != null) {
            body = RequestJson.parsedLater(bytes);
        } else {
            ObjectNode tree;
            try {
                tree = readObject(bytes);
                parsed = adapter.parse(tree);
            } catch (JsonProcessingException e) {
                respondError(api, 400, "invalid_json", invalidJsonMessage(e), keepAlive);
                return;
            } catch (IOException e) {
                respondError(api, 400, "invalid_json", "The request body could not be read.", keepAlive);
                return;
            } catch (ApiRequestException e) {
                respondError(api, e.status(), e.code(), e.getMessage(), e.param(), keepAlive);
                return;
            }
            body = RequestJson.of(tree);
        }
        String requestId = RequestIds.next();
        begin();
        LlmExchange exchange = new LlmExchange(services, ctx, adapter, parsed, body, bytes, request.uri(),
                request.headers(), keepAlive, request.protocolVersion(), requestId, this::exchangeDone);
        current = exchange;
        exchange.start();
    }

    private static ObjectNode readObject(byte[] bytes) throws IOException, ApiRequestException {
        JsonNode tree = JSON.readTree(bytes);
        if (!(tree instanceof ObjectNode o)) {
            throw new ApiRequestException(400, "invalid_json", "The request body must be a JSON object.");
        }
        return o;
    }

    private void startPassThrough(FullHttpRequest request, Api errorShape, boolean keepAlive) {
        begin();
        PassThroughExchange exchange = new PassThroughExchange(services, ctx, keepAlive, request.protocolVersion(),
                errorShape, this::exchangeDone);
        current = exchange;
        exchange.start(request.method(), request.uri(), request.headers(), ByteBufUtil.getBytes(request.content()));
    }

    private void begin() {
        activeExchanges.incrementAndGet();
    }

    private void exchangeDone() {
        if (current == null) {
            return;
        }
        current = null;
        activeExchanges.decrementAndGet();
        if (!ctx.channel().isActive()) {
            return;
        }
        if (drain.draining()) {
            ctx.close();
            return;
        }
        serveWaiting();
        if (inputShutdown && current != null && probe == null) {
            probeHalfClosedClient();
        }
    }

    /**
     * TCP cannot tell a client that shut down only its sending side from one that closed its socket and left: both
     * send a FIN. A write tells: a departed client's host answers it with a reset, and the write after that fails,
     * which closes the connection and, through {@link #channelInactive}, the upstream call. So while a half-closed
     * HTTP/1.1 client waits for its answer's head, it gets {@code 100 Continue} interim responses (RFC 9110 section
     * 15.2 has clients accept an unexpected 1xx; curl, Python's http.client and requests, and Node's http module do,
     * Node 20's built-in fetch does not, but it never half-closes): one at once, then at 10 ms doubling to every 5 s.
     * Once its answer is a stream being relayed, the probes are SSE comment lines between events, which SSE clients
     * skip; a full answer needs none (it is written at once).
     * {@code server.answerHalfClosed: false} turns this off. HTTP/1.0 clients get none (1xx is not HTTP/1.0); their departure is seen at the answer's write.
     */
    private void probeHalfClosedClient() {
        probe = null;
        if (current == null || !ctx.channel().isActive()) {
            return;
        }
        if (current.answerStarted()) {
            // A stream already being relayed: an SSE comment between events probes the same way, so a client that
            // left while the upstream is silent (a model thinking) does not keep its upstream call open.
            if (!current.probeAfterHead()) {
                return;
            }
        } else if (HttpVersion.HTTP_1_1.equals(requestVersion)) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                    Unpooled.EMPTY_BUFFER)).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        } else {
            return;
        }
        probeDelayMillis = probeDelayMillis == 0 ? 10 : Math.min(probeDelayMillis * 2, 5_000);
        probe = ctx.executor().schedule(this::probeHalfClosedClient, probeDelayMillis, TimeUnit.MILLISECONDS);
    }

    /** 408 for a request not fully received within {@code server.requestReadTimeout}, then the connection closes. */
    private void requestReadTimedOut(RequestReadDeadline.Expired expired) {
        readExpired = null;
        respondError(Api.errorShapeForPath(expired.path()), 408, "request_timeout",
                "The request was not received completely within the proxy's limit of "
                        + dev.refusalguard.proxy.config.Durations.format(services.config().server().requestReadTimeout())
                        + " (server.requestReadTimeout).", false);
    }

    /**
     * "The request body is not valid JSON (line 1, column 39): Unexpected end-of-input ...": the parser's own
     * reason without its source excerpt or nested location, which name parser internals.
     */
    static String invalidJsonMessage(JsonProcessingException e) {
        String reason = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
        int marker = reason.indexOf(" (start marker at");
        if (marker >= 0) {
            reason = reason.substring(0, marker);
        }
        reason = reason.replaceAll(" \\(for Object starting at \\[Source.*", "").trim();
        // Read-limit violations name the parser's setting ("..., from `StreamReadConstraints.getMaxNestingDepth()`").
        reason = reason.replaceAll(", from `[^`]*`", "");
        var where = e.getLocation();
        String location = where == null || where.getLineNr() < 0 ? ""
                : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
        return "The request body is not valid JSON" + location + (reason.isEmpty() ? "." : ": " + reason);
    }

    private void respondError(Api api, int status, String code, String message, boolean keepAlive) {
        respondError(api, status, code, message, null, keepAlive);
    }

    private void respondError(Api api, int status, String code, String message, String param, boolean keepAlive) {
        respondError(api, status, code, message, param, keepAlive, null);
    }

    private void respondError(Api api, int status, String code, String message, String param, boolean keepAlive,
                              String retryAfterSeconds) {
        HttpVersion version = requestVersion.equals(HttpVersion.HTTP_1_0) ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1;
        FullHttpResponse response = new DefaultFullHttpResponse(version,
                HttpResponseStatus.valueOf(status),
                Unpooled.wrappedBuffer(ApiErrors.body(api, status, code, message, param)));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        // The proxy's own rejections carry an id too, so an agent's bug report can name the request.
        response.headers().set(dev.refusalguard.proxy.exchange.ProxyHeaders.REQUEST_ID, RequestIds.next());
        if (retryAfterSeconds != null) {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, retryAfterSeconds);
        }
        HttpUtil.setContentLength(response, response.content().readableBytes());
        HttpUtil.setKeepAlive(response, keepAlive);
        var future = ctx.writeAndFlush(response);
        if (!keepAlive) {
            closing = true;
            // The client may still be sending (a trickled head, a body we will not read): linger, do not reset.
            future.addListener(LingeringClose.AFTER_WRITE);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && current != null) {
            current.onAgentWritable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent && current == null) {
            ctx.close();
            return;
        }
        if (evt instanceof ChannelInputShutdownEvent) {
            // Half-close: whatever was read in full is still answered; a request cut short is not (the decoder has
            // dropped it, or passed it on as malformed).
            inputShutdown = true;
            serveWaiting();
            if (current != null) {
                probeHalfClosedClient();
            }
            return;
        }
        if (evt instanceof RequestReadDeadline.Expired expired) {
            if (current == null && pipelined.isEmpty()) {
                requestReadTimedOut(expired);
            } else {
                // Another answer is being written: the 408 follows it. Nothing else is read meanwhile.
                readExpired = expired;
                ctx.channel().config().setAutoRead(false);
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (probe != null) {
            probe.cancel(false);
            probe = null;
        }
        FullHttpRequest r;
        while ((r = pipelined.poll()) != null) {
            r.release();
        }
        AgentExchange exchange = current;
        if (exchange != null) {
            exchange.cancel();
            if (current != null) {
                current = null;
                activeExchanges.decrementAndGet();
            }
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Connection-level I/O errors (reset by peer...) end the connection; channelInactive cleans up.
        ctx.close();
    }
}
