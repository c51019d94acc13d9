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
import io.netty.handler.codec.http.DefaultLastHttpContent;
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
    public sealed interface Reply permits Full, Sse, Pieces, Hang, Drop {
    }

    public record Full(int status, String contentType, String body, boolean gzip) implements Reply {
        public static Full json(String body) {
            return new Full(200, "application/json", body, false);
        }
    }

    /**
     * SSE events (each already framed, e.g. "data: {...}\n\n") sent {@code intervalMillis} apart in a chunked
     * body; with {@code gzip} the body is one gzip stream, each event sync-flushed into its own chunk.
     */
    public record Sse(List<String> events, long intervalMillis, boolean dropAfter, boolean gzip) implements Reply {
        public Sse(List<String> events, long intervalMillis, boolean dropAfter) {
            this(events, intervalMillis, dropAfter, false);
        }

        public static Sse gzipped(List<String> events) {
            return new Sse(events, 0, false, true);
        }
    }

    /**
     * A 200 body written as the concatenation of {@code pieces}, optionally gzip-compressed, framed either chunked
     * (one chunk per piece) or with a Content-Length (all pieces in one write).
     */
    public record Pieces(String contentType, List<String> pieces, boolean gzip, boolean chunked) implements Reply {
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
    private final List<Long> closeNanos = new CopyOnWriteArrayList<>();
    private volatile Function<Received, Reply> script;

    public ScriptedUpstream(Function<Received, Reply> script) throws InterruptedException {
        this.script = script;
        this.channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(io.netty.channel.ChannelOption.SO_SNDBUF, 64 * 1024)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        openConnections.incrementAndGet();
                        ch.closeFuture().addListener(f -> {
                            closeNanos.add(System.nanoTime());
                            closedConnections.incrementAndGet();
                        });
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

    /**
     * {@link System#nanoTime()} at which the first upstream connection closed, stamped on the upstream's own event
     * loop the moment it saw the close; waits up to {@code waitMillis} for one. Empty if none closed in time.
     */
    public java.util.OptionalLong firstCloseNanos(long waitMillis) throws InterruptedException {
        long end = System.nanoTime() + waitMillis * 1_000_000L;
        while (closeNanos.isEmpty() && System.nanoTime() < end) {
            Thread.sleep(2);
        }
        return closeNanos.isEmpty() ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(closeNanos.get(0));
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
                if (sse.gzip()) {
                    head.headers().set(HttpHeaderNames.CONTENT_ENCODING, "gzip");
                }
                ctx.writeAndFlush(head);
                sendEvents(ctx, sse, 0, sse.gzip() ? new GzipWriter() : null);
            } else if (reply instanceof Pieces pieces) {
                writePieces(ctx, pieces);
            } else if (reply instanceof Drop) {
                ctx.close();
            }
        }

        private void writePieces(ChannelHandlerContext ctx, Pieces pieces) {
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers().set(HttpHeaderNames.CONTENT_TYPE, pieces.contentType());
            if (pieces.gzip()) {
                head.headers().set(HttpHeaderNames.CONTENT_ENCODING, "gzip");
            }
            if (pieces.chunked()) {
                GzipWriter gzip = pieces.gzip() ? new GzipWriter() : null;
                HttpUtil.setTransferEncodingChunked(head, true);
                ctx.write(head);
                for (String piece : pieces.pieces()) {
                    byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
                    ctx.writeAndFlush(new DefaultHttpContent(gzip == null ? Unpooled.wrappedBuffer(bytes)
                            : gzip.piece(bytes)));
                }
                ctx.writeAndFlush(gzip == null ? LastHttpContent.EMPTY_LAST_CONTENT
                        : new DefaultLastHttpContent(gzip.finish()));
                return;
            }
            byte[] whole = String.join("", pieces.pieces()).getBytes(StandardCharsets.UTF_8);
            ByteBuf body = pieces.gzip() ? gzip(whole) : Unpooled.wrappedBuffer(whole);
            HttpUtil.setContentLength(head, body.readableBytes());
            ctx.write(head);
            ctx.writeAndFlush(new DefaultLastHttpContent(body));
        }

        private void sendEvents(ChannelHandlerContext ctx, Sse sse, int index, GzipWriter gzip) {
            if (!ctx.channel().isActive()) {
                if (gzip != null) {
                    gzip.close();
                }
                return;
            }
            if (index >= sse.events().size()) {
                if (sse.dropAfter()) {
                    if (gzip != null) {
                        gzip.close();
                    }
                    ctx.close();
                } else {
                    ctx.writeAndFlush(gzip == null ? LastHttpContent.EMPTY_LAST_CONTENT
                            : new DefaultLastHttpContent(gzip.finish()));
                }
                return;
            }
            byte[] event = sse.events().get(index).getBytes(StandardCharsets.UTF_8);
            ctx.writeAndFlush(new DefaultHttpContent(gzip == null ? Unpooled.wrappedBuffer(event)
                    : gzip.piece(event))).addListener(f -> {
                        if (f.isSuccess()) {
                            eventsWritten.incrementAndGet();
                        }
                    });
            if (sse.intervalMillis() == 0) {
                // As fast as the socket takes them: continue once this write is accepted.
                ctx.channel().eventLoop().execute(() -> {
                    if (ctx.channel().isWritable()) {
                        sendEvents(ctx, sse, index + 1, gzip);
                    } else {
                        waitWritable(ctx, sse, index + 1, gzip);
                    }
                });
                return;
            }
            ctx.executor().schedule(() -> sendEvents(ctx, sse, index + 1, gzip), sse.intervalMillis(),
                    TimeUnit.MILLISECONDS);
        }

        private void waitWritable(ChannelHandlerContext ctx, Sse sse, int index, GzipWriter gzip) {
            ctx.executor().schedule(() -> {
                if (!ctx.channel().isActive()) {
                    if (gzip != null) {
                        gzip.close();
                    }
                    return;
                }
                if (ctx.channel().isWritable()) {
                    sendEvents(ctx, sse, index, gzip);
                } else {
                    waitWritable(ctx, sse, index, gzip);
                }
            }, 5, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * One gzip stream written piece by piece: each piece is compressed and sync-flushed, so the receiver can
     * decode it before the next one is sent (how a compressing SSE server behaves).
     */
    private static final class GzipWriter {
        private final java.util.zip.Deflater deflater = new java.util.zip.Deflater(
                java.util.zip.Deflater.DEFAULT_COMPRESSION, true);
        private final java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        private long size;
        private boolean headerWritten;

        ByteBuf piece(byte[] bytes) {
            ByteBuf out = Unpooled.buffer();
            header(out);
            crc.update(bytes);
            size += bytes.length;
            deflater.setInput(bytes);
            drain(out, java.util.zip.Deflater.SYNC_FLUSH);
            return out;
        }

        ByteBuf finish() {
            ByteBuf out = Unpooled.buffer();
            header(out);
            deflater.finish();
            drain(out, java.util.zip.Deflater.NO_FLUSH);
            out.writeIntLE((int) crc.getValue());
            out.writeIntLE((int) size);
            close();
            return out;
        }

        void close() {
            deflater.end();
        }

        private void header(ByteBuf out) {
            if (!headerWritten) {
                headerWritten = true;
                out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
            }
        }

        private void drain(ByteBuf out, int flush) {
            byte[] chunk = new byte[8192];
            while (true) {
                int n = deflater.deflate(chunk, 0, chunk.length, flush);
                out.writeBytes(chunk, 0, n);
                if (n < chunk.length && (flush != java.util.zip.Deflater.NO_FLUSH || deflater.finished())) {
                    return;
                }
            }
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
        // Bounded waits: a close that never completes must not stall the build. The tests' assertions are made before
        // close(); a slow shutdown on a loaded machine is reported, not failed (its threads end on their own).
        if (!channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS)) {
            System.err.println("scripted upstream: channel did not close within 5 s");
        }
        if (!group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS)) {
            System.err.println("scripted upstream: event loop did not stop within 10 s");
        }
    }
}
