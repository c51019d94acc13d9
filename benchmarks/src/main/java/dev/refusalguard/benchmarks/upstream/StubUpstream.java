package dev.refusalguard.benchmarks.upstream;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** A fast OpenAI-format test upstream on a loopback port: the floor every proxy is compared with. */
public final class StubUpstream implements AutoCloseable {

    private final EventLoopGroup group;
    private final Channel server;

    private StubUpstream(EventLoopGroup group, Channel server) {
        this.group = group;
        this.server = server;
    }

    public static StubUpstream start(StubUpstreamConfig config) throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(config.ioThreads(), NioIoHandler.newFactory());
        try {
            StubAnswers answers = new StubAnswers(config.streamChunks(), config.chunkChars());
            Channel server = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new StubUpstreamInitializer(answers, config.chunkInterval().toNanos()))
                    .bind(config.host(), config.port())
                    .sync()
                    .channel();
            return new StubUpstream(group, server);
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
