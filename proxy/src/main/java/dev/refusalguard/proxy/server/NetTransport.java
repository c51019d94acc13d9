package dev.refusalguard.proxy.server;

import dev.refusalguard.proxy.config.InvalidConfigException;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * The socket transport of the event loops, the agent and admin listeners and the upstream client
 * ({@code server.transport}). Every channel of the proxy uses the one transport its event loops were built for,
 * so an exchange's upstream channel can live on the agent channel's own loop (DESIGN.md rule 5).
 *
 * <p>Linux's native epoll transport costs less CPU per request than NIO (no selected-key sets, no selector
 * wake-up pipe, edge-triggered reads). {@code auto} takes it when the native library loads and falls back to NIO
 * otherwise (another OS or CPU, or a locked-down {@code /tmp}).
 */
public enum NetTransport {
    EPOLL("epoll", EpollIoHandler::newFactory, EpollServerSocketChannel.class, EpollSocketChannel.class),
    NIO("nio", NioIoHandler::newFactory, NioServerSocketChannel.class, NioSocketChannel.class);

    /** The config values of {@code server.transport}. */
    public static final String AUTO = "auto";

    private final String wireName;
    private final Supplier<IoHandlerFactory> ioHandlerFactory;
    private final Class<? extends ServerChannel> serverChannel;
    private final Class<? extends SocketChannel> socketChannel;

    NetTransport(String wireName, Supplier<IoHandlerFactory> ioHandlerFactory,
                 Class<? extends ServerChannel> serverChannel, Class<? extends SocketChannel> socketChannel) {
        this.wireName = wireName;
        this.ioHandlerFactory = ioHandlerFactory;
        this.serverChannel = serverChannel;
        this.socketChannel = socketChannel;
    }

    /**
     * The transport for a config value: {@code auto} (epoll where available, else NIO), {@code epoll} (fails when
     * the native transport cannot load, naming the key and the reason) or {@code nio}.
     */
    public static NetTransport select(String configured) {
        String value = configured == null ? AUTO : configured.toLowerCase(Locale.ROOT);
        return switch (value) {
            case AUTO -> Epoll.isAvailable() ? EPOLL : NIO;
            case "epoll" -> {
                if (!Epoll.isAvailable()) {
                    Throwable cause = Epoll.unavailabilityCause();
                    throw new InvalidConfigException("server.transport", "epoll is not available here ("
                            + (cause == null ? "unknown reason" : cause.getMessage()) + "); use auto or nio");
                }
                yield EPOLL;
            }
            case "nio" -> NIO;
            default -> throw new InvalidConfigException("server.transport", "must be auto, epoll or nio, got "
                    + configured);
        };
    }

    public String wireName() {
        return wireName;
    }

    public IoHandlerFactory ioHandlerFactory() {
        return ioHandlerFactory.get();
    }

    public Class<? extends ServerChannel> serverChannel() {
        return serverChannel;
    }

    public Class<? extends SocketChannel> socketChannel() {
        return socketChannel;
    }
}
