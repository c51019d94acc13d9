package dev.refusalguard.proxy.admin;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

import java.nio.charset.StandardCharsets;

/** Serves the admin routes; everything else is 404. */
final class AdminRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private final AdminRoutes routes;

    AdminRequestHandler(AdminRoutes routes) {
        this.routes = routes;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            // Over the admin codec's limits (4 KiB request line, 8 KiB headers) or not HTTP: the decoder discards
            // the rest of the connection's input, so answer once and close rather than serve a truncated request.
            Throwable cause = request.decoderResult().cause();
            int status = cause instanceof TooLongHttpLineException ? 414
                    : cause instanceof TooLongHttpHeaderException ? 431 : 400;
            respond(ctx, request, status, "text/plain; charset=utf-8", "bad request\n")
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
            respond(ctx, request, 405, "text/plain; charset=utf-8", "method not allowed\n");
            return;
        }
        switch (path) {
            case "/metrics" -> respond(ctx, request, 200, "text/plain; version=0.0.4; charset=utf-8",
                    routes.prometheusText().get());
            case "/healthz" -> {
                boolean ok = routes.live().getAsBoolean();
                respond(ctx, request, ok ? 200 : 503, "text/plain; charset=utf-8", ok ? "ok\n" : "unhealthy\n");
            }
            case "/readyz" -> {
                boolean ok = routes.ready().getAsBoolean();
                respond(ctx, request, ok ? 200 : 503, "text/plain; charset=utf-8", ok ? "ready\n" : "not ready\n");
            }
            case "/bias" -> {
                boolean html = BiasMediaType.prefersHtml(request.headers().get(HttpHeaderNames.ACCEPT));
                respond(ctx, request, 200, html ? "text/html; charset=utf-8" : "application/json",
                        routes.bias().apply(html));
            }
            default -> respond(ctx, request, 404, "text/plain; charset=utf-8", "not found\n");
        }
    }

    private static ChannelFuture respond(ChannelHandlerContext ctx, FullHttpRequest request, int status, String type,
                                String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(status), request.method() == HttpMethod.HEAD
                ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        HttpUtil.setContentLength(response, bytes.length);
        HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess());
        return ctx.writeAndFlush(response);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
