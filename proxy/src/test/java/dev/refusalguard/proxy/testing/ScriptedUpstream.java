package dev.refusalguard.proxy.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.compression.ZlibCodecFactory;
import io.netty.handler.codec.compression.ZlibWrapper;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.channel.embedded.EmbeddedChannel;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real loopback HTTP server for proxy tests: answers each request with a scripted reply (full body, gzip body,
 * or SSE events at an interval) and records what it received.
 */
public final class ScriptedUpstream implements AutoCloseable {

    /** A scripted reply. */
    public sealed interface Reply permits Full, Sse, Hang, Drop {
    }

    public record Full(int status, String contentType, String body, boolean gzip) implements Reply {
        public static Full json(String body) {
            return new Full(200, "application/json", body, false);
        }
    }

    /** SSE events (each already framed, e.g. "data: {...}\n\n") sent {@code intervalMillis} apart. */
    public record Sse(List<String> events, long intervalMillis, boolean dropAfter) implements Reply {
    }

    /** Never answers. */
    public record Hang() implements Reply {
    }

    /** Closes the connection without answering. */
    public record Drop() implements Reply {
    }

    /** What the upstream received. */
    public record Received(String method, String uri, HttpHeaders headers, String body) {
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel channel;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger openConnections = new AtomicInteger();
    private final AtomicInteger closedConnections = new AtomicInteger();
    private final AtomicInteger eventsWritten = new AtomicInteger();
    private volatile Function<Received, Reply> script;

    public ScriptedUpstream(Function<Received, Reply> script) throws InterruptedException {
        this.script = script;
        this.channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(io.netty.channel.ChannelOption.SO_SNDBUF, 64 * 1024)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        openConnections.incrementAndGet();
                        ch.closeFuture().addListener(f -> closedConnections.incrementAndGet());
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(16 * 1024 * 1024),
                                new Handler());
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    public void script(Function<Received, Reply> newScript) {
        this.script = newScript;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public List<Received> received() {
        return received;
    }

    public int closedConnections() {
        return closedConnections.get();
    }

    /** SSE events whose bytes the socket accepted (a stalled reader downstream stops this count). */
    public int eventsWritten() {
        return eventsWritten.get();
    }

    public int openedConnections() {
        return openConnections.get();
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            Received r = new Received(req.method().name(), req.uri(), req.headers().copy(),
                    req.content().toString(StandardCharsets.UTF_8));
            received.add(r);
            Reply reply = script.apply(r);
            if (reply instanceof Full full) {
                byte[] bytes = full.body().getBytes(StandardCharsets.UTF_8);
                ByteBuf body = full.gzip() ? gzip(bytes) : Unpooled.wrappedBuffer(bytes);
                FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                        HttpResponseStatus.valueOf(full.status()), body);
                resp.headers().set(HttpHeaderNames.CONTENT_TYPE, full.contentType());
                if (full.gzip()) {
                    resp.headers().set(HttpHeaderNames.CONTENT_ENCODING, "gzip");
                }
                HttpUtil.setContentLength(resp, body.readableBytes());
                ctx.writeAndFlush(resp);
            } else if (reply instanceof Sse sse) {
                HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream");
                HttpUtil.setTransferEncodingChunked(head, true);
                ctx.writeAndFlush(head);
                sendEvents(ctx, sse, 0);
            } else if (reply instanceof Drop) {
                ctx.close();
            }
        }

        private void sendEvents(ChannelHandlerContext ctx, Sse sse, int index) {
            if (!ctx.channel().isActive()) {
                return;
            }
            if (index >= sse.events().size()) {
                if (sse.dropAfter()) {
                    ctx.close();
                } else {
                    ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                }
                return;
            }
            ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(sse.events().get(index),
                    StandardCharsets.UTF_8))).addListener(f -> {
                        if (f.isSuccess()) {
                            eventsWritten.incrementAndGet();
                        }
                    });
            if (sse.intervalMillis() == 0) {
                // As fast as the socket takes them: continue once this write is accepted.
                ctx.channel().eventLoop().execute(() -> {
                    if (ctx.channel().isWritable()) {
                        sendEvents(ctx, sse, index + 1);
                    } else {
                        waitWritable(ctx, sse, index + 1);
                    }
                });
                return;
            }
            ctx.executor().schedule(() -> sendEvents(ctx, sse, index + 1), sse.intervalMillis(),
                    TimeUnit.MILLISECONDS);
        }

        private void waitWritable(ChannelHandlerContext ctx, Sse sse, int index) {
            ctx.executor().schedule(() -> {
                if (!ctx.channel().isActive()) {
                    return;
                }
                if (ctx.channel().isWritable()) {
                    sendEvents(ctx, sse, index);
                } else {
                    waitWritable(ctx, sse, index);
                }
            }, 5, TimeUnit.MILLISECONDS);
        }
    }

    private static ByteBuf gzip(byte[] bytes) {
        EmbeddedChannel ch = new EmbeddedChannel(ZlibCodecFactory.newZlibEncoder(ZlibWrapper.GZIP));
        ch.writeOutbound(Unpooled.wrappedBuffer(bytes));
        ch.finish();
        ByteBuf out = Unpooled.buffer();
        ByteBuf part;
        while ((part = ch.readOutbound()) != null) {
            out.writeBytes(part);
            part.release();
        }
        return out;
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
