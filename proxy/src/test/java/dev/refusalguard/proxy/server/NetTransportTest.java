package dev.refusalguard.proxy.server;

import dev.refusalguard.proxy.config.InvalidConfigException;
import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetTransportTest {

    @Test
    void autoTakesEpollWhereTheNativeLibraryLoadsAndNioElsewhere() {
        assertThat(NetTransport.select("auto")).isEqualTo(Epoll.isAvailable() ? NetTransport.EPOLL : NetTransport.NIO);
        assertThat(NetTransport.select(null)).isEqualTo(NetTransport.select("auto"));
    }

    @Test
    void nioIsAlwaysHonouredAndEpollEitherLoadsOrFailsNamingTheKey() {
        assertThat(NetTransport.select("nio")).isEqualTo(NetTransport.NIO);
        if (Epoll.isAvailable()) {
            assertThat(NetTransport.select("epoll")).isEqualTo(NetTransport.EPOLL);
        } else {
            assertThatThrownBy(() -> NetTransport.select("epoll")).isInstanceOf(InvalidConfigException.class)
                    .hasMessageStartingWith("server.transport: epoll is not available here");
        }
    }

    @Test
    void eachTransportNamesChannelsOfItsOwnKind() {
        assertThat(NetTransport.EPOLL.socketChannel().getSimpleName()).startsWith("Epoll");
        assertThat(NetTransport.NIO.serverChannel().getSimpleName()).startsWith("Nio");
    }

    @Test
    void theNativeLibrariesOfBothLinuxArchitecturesTheImageIsBuiltForAreShipped() {
        // The Docker image is built for linux/amd64 and linux/arm64; without its library an arm64 pod runs on NIO.
        for (String arch : java.util.List.of("x86_64", "aarch_64")) {
            assertThat(NetTransportTest.class.getClassLoader()
                    .getResource("META-INF/native/libnetty_transport_native_epoll_" + arch + ".so"))
                    .as("epoll library for " + arch).isNotNull();
        }
    }
}
