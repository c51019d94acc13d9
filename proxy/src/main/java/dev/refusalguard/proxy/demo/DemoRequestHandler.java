package dev.refusalguard.proxy.demo;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
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

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Routes one aggregated request to its API and writes the reply. The request buffer is released by
 * {@link SimpleChannelInboundHandler} after {@link #channelRead0}; its body is copied to a String first.
 */
final class DemoRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    /** The endpoints, shared by every connection (they hold no per-connection state). */
    record Endpoints(ChatCompletionsApi chat, ResponsesApi responses, MessagesApi messages, ModelsApi models) {
    }

    private final Endpoints endpoints;
    private final Duration chunkDelay;

    DemoRequestHandler(Endpoints endpoints, Duration chunkDelay) {
        this.endpoints = endpoints;
        this.chunkDelay = chunkDelay;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.decoderResult().isSuccess()) {
            writeFull(ctx, ChatCompletionsApi.error(new ApiRequestException(400,
                    ApiRequestException.Kind.INVALID_REQUEST, "Malformed HTTP request.", null)), false);
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        HttpMethod method = request.method();
        String body = request.content().toString(StandardCharsets.UTF_8);
        DemoReply reply = switch (path) {
            case ChatCompletionsApi.PATH -> method.equals(HttpMethod.POST)
                    ? endpoints.chat().handle(body) : notAllowed(path, method);
            case ResponsesApi.PATH -> method.equals(HttpMethod.POST)
                    ? endpoints.responses().handle(body) : notAllowed(path, method);
            case MessagesApi.PATH -> method.equals(HttpMethod.POST)
                    ? endpoints.messages().handle(body, request.headers().get(MessagesApi.VERSION_HEADER))
                    : notAllowed(path, method);
            case ModelsApi.PATH -> method.equals(HttpMethod.GET)
                    ? endpoints.models().handle() : notAllowed(path, method);
            default -> notFound(path, method);
        };
        if (reply instanceof DemoReply.Stream stream) {
            SseStreamWriter.start(ctx, stream, keepAlive, chunkDelay);
        } else {
            writeFull(ctx, (DemoReply.Full) reply, keepAlive);
        }
    }

    private static DemoReply notAllowed(String path, HttpMethod method) {
        ApiRequestException e = new ApiRequestException(405, ApiRequestException.Kind.METHOD_NOT_ALLOWED,
                "Method " + method + " is not allowed on " + path + ".", null);
        return path.startsWith(MessagesApi.PATH) ? MessagesApi.error(e) : ChatCompletionsApi.error(e);
    }

    private static DemoReply notFound(String path, HttpMethod method) {
        ApiRequestException e = new ApiRequestException(404, ApiRequestException.Kind.NOT_FOUND,
                "Unknown request URL: " + method + " " + path + ".", null);
        return path.startsWith(MessagesApi.PATH) ? MessagesApi.error(e) : ChatCompletionsApi.error(e);
    }

    private static void writeFull(ChannelHandlerContext ctx, DemoReply.Full reply, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(reply.status()),
                Unpooled.copiedBuffer(reply.json(), StandardCharsets.UTF_8));
        reply.headers().forEach((k, v) -> response.headers().set(k, v));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(response, ctx.voidPromise());
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
