package dev.refusalguard.proxy.exchange;

import dev.refusalguard.proxy.api.Api;
import dev.refusalguard.proxy.config.UpstreamConfig;
import dev.refusalguard.proxy.upstream.UpstreamCall;
import dev.refusalguard.proxy.upstream.UpstreamFailure;
import dev.refusalguard.proxy.upstream.UpstreamResponseListener;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Any path the proxy does not inspect (models, embeddings, files...): forwarded unchanged to the default
 * upstream and relayed back with backpressure. Runs on the agent channel's event loop.
 */
public final class PassThroughExchange implements UpstreamResponseListener, AgentExchange {

    private final ExchangeServices services;
    private final ChannelHandlerContext ctx;
    private final AgentResponder responder;
    private final Api errorShape;
    private final Runnable onDone;
    private UpstreamCall call;
    private boolean readPending;
    private boolean finished;

    public PassThroughExchange(ExchangeServices services, ChannelHandlerContext ctx, boolean keepAlive,
                               HttpVersion agentVersion, Api errorShape, Runnable onDone) {
        this.services = services;
        this.ctx = ctx;
        this.responder = new AgentResponder(ctx, keepAlive, agentVersion);
        this.errorShape = errorShape;
        this.onDone = onDone;
    }

    public void start(HttpMethod method, String pathAndQuery, HttpHeaders agentHeaders, byte[] body) {
        UpstreamConfig upstream = services.config().upstream(services.config().defaultUpstream());
        call = services.upstreams().newCall(ctx.channel().eventLoop(), upstream, method, pathAndQuery,
                ProxyHeaders.forUpstream(agentHeaders), body, this);
        call.start();
    }

    @Override
    public void onHead(UpstreamCall c, HttpResponse head) {
        // The upstream channel has already decoded any Content-Encoding (dropping a Content-Length that no longer
        // holds), so a Content-Length still present matches the bytes relayed.
        responder.sendStreamHead(head.status().code(), ProxyHeaders.forAgent(head.headers()),
                HttpUtil.getContentLength(head, -1L));
    }

    @Override
    public void onContent(UpstreamCall c, HttpContent content, boolean last) {
        ByteBuf bytes = content.content();
        if (bytes.isReadable()) {
            responder.writeEvent(bytes);
        } else {
            bytes.release();
        }
        if (last) {
            finished = true;
            services.metrics().upstreamTime(c.upstream().name(), 0, System.nanoTime() - c.startNanos());
            responder.endStream(onDone);
            return;
        }
        responder.flush();
        if (responder.writable()) {
            c.read();
        } else {
            readPending = true;
        }
    }

    @Override
    public void onFailure(UpstreamCall c, UpstreamFailure failure, Throwable cause) {
        finished = true;
        services.metrics().upstreamError(c.upstream().name(), failure.tag());
        int status = failure == UpstreamFailure.TIMEOUT ? 504 : 502;
        responder.sendError(errorShape, status, "upstream_" + failure.tag(),
                "The upstream " + c.upstream().name() + " failed: " + failure.tag() + ".", new DefaultHttpHeaders(),
                onDone);
    }

    @Override
    public void onAgentWritable() {
        if (readPending && responder.writable() && call != null) {
            readPending = false;
            call.read();
        }
    }

    @Override
    public boolean answerStarted() {
        return responder.headSent();
    }

    @Override
    public void cancel() {
        if (!finished && call != null) {
            finished = true;
            call.abort();
        }
    }
}
