package dev.refusalguard.proxy.upstream;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * Last handler of a pooled upstream channel: hands every response object to the call currently using the
 * channel, or releases it when none is attached (a stray byte on an idle pooled connection).
 *
 * <p>{@code call} needs no volatile: it is only touched on the channel's event loop, which is also the loop of
 * the exchange that attaches it.
 */
final class OriginResponseReceiver extends ChannelInboundHandlerAdapter {

    private UpstreamCall call;

    void attach(UpstreamCall newCall) {
        this.call = newCall;
    }

    void detach() {
        this.call = null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        UpstreamCall current = call;
        if (current == null) {
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        current.onMessage(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        UpstreamCall current = call;
        if (current != null) {
            current.onReadComplete();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        UpstreamCall current = call;
        call = null;
        if (current != null) {
            current.onChannelClosed(null);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        UpstreamCall current = call;
        call = null;
        if (current != null) {
            current.onChannelClosed(cause);
        }
        ctx.close();
    }
}
