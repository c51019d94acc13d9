package dev.refusalguard.proxy.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refusalguard.policies.RequestAnalysis;
import dev.refusalguard.proxy.api.ApiAdapter;
import dev.refusalguard.proxy.bias.ShadowSampler;
import dev.refusalguard.proxy.config.UpstreamConfig;
import dev.refusalguard.proxy.detect.Detection;
import dev.refusalguard.proxy.recovery.RequestPolicy;
import dev.refusalguard.proxy.upstream.UpstreamCall;
import dev.refusalguard.proxy.upstream.UpstreamFailure;
import dev.refusalguard.proxy.upstream.UpstreamResponseListener;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Shadow probing: for a sampled defensive request with sensitive wording, sends its neutral-rephrased twin to the
 * same upstream in the background (never returned to the agent, bounded concurrency, off by default) and records
 * the pair, so the proxy measures paired bias on live traffic (McNemar's test in /bias).
 */
public final class ShadowProber {

    /** Receives one finished pair: (original refused, neutral twin refused). */
    public interface PairSink {
        void record(RequestAnalysis analysis, String model, boolean originalRefused, boolean twinRefused);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ShadowSampler sampler;
    private final PairSink sink;

    public ShadowProber(ShadowSampler sampler, PairSink sink) {
        this.sampler = sampler;
        this.sink = sink;
    }

    /** Called when an exchange ends; returns at once. */
    void maybeProbe(ExchangeServices services, EventLoop loop, ApiAdapter adapter, RequestPolicy policy,
                    ObjectNode originalBody, UpstreamConfig upstream, String pathAndQuery, HttpHeaders headers,
                    String model, RequestAnalysis analysis, boolean originalRefused) {
        var permit = sampler.trySample(analysis.intent(), analysis.sensitive());
        if (permit.isEmpty()) {
            return;
        }
        ObjectNode twin = adapter.rewriteLastUserText(originalBody, t -> policy.rephrase(t, analysis.category()));
        if (twin == null || twin.equals(originalBody)) {
            permit.get().close();
            return;
        }
        twin.put("stream", false);
        twin.remove("stream_options");
        byte[] bytes = twin.toString().getBytes(StandardCharsets.UTF_8);
        int limit = services.config().server().maxResponseBytes();
        UpstreamResponseListener listener = new UpstreamResponseListener() {
            private int status;
            private CompositeByteBuf body;

            @Override
            public void onHead(UpstreamCall call, HttpResponse head) {
                status = head.status().code();
                body = io.netty.buffer.ByteBufAllocator.DEFAULT.compositeBuffer(Integer.MAX_VALUE);
            }

            @Override
            public void onContent(UpstreamCall call, HttpContent content, boolean last) {
                ByteBuf bytes = content.content();
                if (body == null || body.readableBytes() + bytes.readableBytes() > limit) {
                    bytes.release();
                    call.abort();
                    done();
                    return;
                }
                body.addComponent(true, bytes);
                if (!last) {
                    call.read();
                    return;
                }
                JsonNode json = parse(body);
                done();
                services.detector().judge(adapter.inspect(status, json)).whenComplete((Detection d, Throwable e) -> {
                    if (d != null) {
                        sink.record(analysis, model, originalRefused, d.refusal());
                    }
                });
            }

            @Override
            public void onFailure(UpstreamCall call, UpstreamFailure failure, Throwable cause) {
                done();
            }

            private void done() {
                if (body != null) {
                    body.release();
                    body = null;
                }
                permit.get().close();
            }
        };
        services.upstreams().newCall(loop, upstream, HttpMethod.POST, pathAndQuery, headers, bytes, listener).start();
    }

    private static JsonNode parse(ByteBuf buf) {
        try (InputStream in = new ByteBufInputStream(buf.duplicate())) {
            return JSON.readTree(in);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
