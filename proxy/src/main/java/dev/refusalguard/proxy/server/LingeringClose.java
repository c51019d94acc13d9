package dev.refusalguard.proxy.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * Ends a connection after an answer that closes it while the client may still be sending (a 408 to a trickled
 * request, a 413 to a body over the limit, a 400 to a malformed one) without losing that answer. Closing a socket
 * with unread input makes the kernel send a reset, and a reset can discard the answer before the client has read
 * it. So the output is shut down instead (the client reads the answer, then the end of the stream), whatever the
 * client still sends is read and dropped at the head of the pipeline, and the connection closes when the client
 * closes its side, or after {@link #LINGER_MILLIS} at most.
 */
final class LingeringClose {

    /** Longest wait for the client to close its side once the answer is out. */
    static final long LINGER_MILLIS = 2_000;

    /** Pipeline name of the handler that drops the client's input while lingering. */
    static final String DISCARD = "linger-discard";

    /** Once the answer is written: linger, then close; if the write failed, close at once. */
    static final ChannelFutureListener AFTER_WRITE = f -> {
        if (f.isSuccess()) {
            start(f.channel());
        } else {
            f.channel().close();
        }
    };

    private LingeringClose() {
    }

    static void start(Channel channel) {
        if (!(channel instanceof DuplexChannel duplex) || !channel.isActive() || duplex.isOutputShutdown()) {
            channel.close();
            return;
        }
        if (channel.pipeline().get(DISCARD) == null) {
            channel.pipeline().addFirst(DISCARD, DropInput.INSTANCE);
        }
        ScheduledFuture<?> deadline = channel.eventLoop().schedule(
                () -> { channel.close(); }, LINGER_MILLIS, TimeUnit.MILLISECONDS);
        channel.closeFuture().addListener(f -> deadline.cancel(false));
        duplex.shutdownOutput().addListener(f -> {
            if (!f.isSuccess()) {
                channel.close();
                return;
            }
            channel.config().setAutoRead(true);
            channel.read();
        });
    }

    /** Drops what the client still sends; its end of stream (or any error) closes the connection. */
    @ChannelHandler.Sharable
    static final class DropInput extends ChannelInboundHandlerAdapter {
        static final DropInput INSTANCE = new DropInput();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                ctx.close();
            }
            ReferenceCountUtil.release(evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
