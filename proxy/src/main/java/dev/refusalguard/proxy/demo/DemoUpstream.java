package dev.refusalguard.proxy.demo;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * The demo upstream: a simulated safety-tuned LLM API (OpenAI Chat Completions and Responses, Anthropic
 * Messages, model list) on 127.0.0.1, for the demo, the audit and tests. It is a SIMULATOR: see
 * docs/demo.md for how it decides. Every decided response carries {@code x-demo-simulated:
 * refusal|compliance}.
 *
 * <pre>
 * try (DemoUpstream upstream = DemoUpstream.start(DemoUpstreamConfig.defaults())) {
 *     URI base = upstream.baseUri();   // http://127.0.0.1:PORT
 * }
 * </pre>
 */
public final class DemoUpstream implements AutoCloseable {

    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final SimulatedModel model;

    private DemoUpstream(EventLoopGroup group, Channel serverChannel, SimulatedModel model) {
        this.group = group;
        this.serverChannel = serverChannel;
        this.model = model;
    }

    /** Calibrates the simulated model, binds 127.0.0.1:{@code config.port()} and starts serving. */
    public static DemoUpstream start(DemoUpstreamConfig config) {
        SimulatedModel model = SimulatedModel.calibrated(config);
        Clock clock = Clock.systemUTC();
        DemoRequestHandler.Endpoints endpoints = new DemoRequestHandler.Endpoints(
                new ChatCompletionsApi(model, clock), new ResponsesApi(model, clock),
                new MessagesApi(model), new ModelsApi(config.models(), clock));
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2,
                new DefaultThreadFactory("demo-upstream", true), NioIoHandler.newFactory());
        try {
            Channel channel = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 256)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new DemoUpstreamInitializer(config, endpoints))
                    .bind(new InetSocketAddress("127.0.0.1", config.port()))
                    .sync()
                    .channel();
            return new DemoUpstream(group, channel, model);
        } catch (InterruptedException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding the demo upstream", e);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot bind the demo upstream to 127.0.0.1:" + config.port(), e);
        }
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** {@code http://127.0.0.1:PORT} (no trailing slash; API paths start with /v1). */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** The calibrated simulated model this upstream answers with. */
    public SimulatedModel model() {
        return model;
    }

    @Override
    public void close() {
        // Bounded waits: a close that never completes must fail one test (or leave a daemon thread), never stall
        // the build; a build once blocked here for minutes with no demo-upstream thread left alive.
        serverChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
