package dev.refusalguard.proxy.admin;

import dev.refusalguard.proxy.RefusalGuardProxy;
import dev.refusalguard.proxy.testing.ProxyHarness;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin port has limits too: no connection is held open by a client that never finishes a request. */
class AdminConnectionLimitsTest {

    private static RefusalGuardProxy start(Duration requestReadTimeout) throws Exception {
        return ProxyHarness.start("http://127.0.0.1:9", ProxyHarness.classifier(),
                c -> c.withServer(c.server().withRequestReadTimeout(requestReadTimeout)));
    }

    /** Everything the admin server sends until it closes the connection (fails the test after 5 s). */
    private static String readUntilClosed(Socket socket) throws Exception {
        socket.setSoTimeout(5_000);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) >= 0) {
            got.write(buf, 0, n);
        }
        return got.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void aConnectionThatNeverFinishesItsRequestIsClosedAtTheRequestReadDeadline() throws Exception {
        try (RefusalGuardProxy proxy = start(Duration.ofMillis(500));
             Socket socket = new Socket("127.0.0.1", proxy.adminPort())) {
            long t0 = System.nanoTime();
            socket.getOutputStream().write("GET /heal".getBytes(StandardCharsets.US_ASCII));
            assertThat(readUntilClosed(socket)).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(400),
                    Duration.ofSeconds(4));
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAtTheDeadlineAfterItsLastRequestAndServedBeforeIt() throws Exception {
        try (RefusalGuardProxy proxy = start(Duration.ofMillis(600));
             Socket socket = new Socket("127.0.0.1", proxy.adminPort())) {
            byte[] get = "GET /healthz HTTP/1.1\r\nhost: admin\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            socket.getOutputStream().write(get);
            Thread.sleep(400);
            // Within the deadline of the connection's opening: served, and the window starts again.
            socket.getOutputStream().write(get);
            Thread.sleep(400);
            socket.getOutputStream().write(get);
            long t0 = System.nanoTime();
            String all = readUntilClosed(socket);
            assertThat(all.split("HTTP/1.1 200 OK", -1)).hasSize(4);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(400),
                    Duration.ofSeconds(4));
        }
    }

    @Test
    void aHeaderOverTheAdminLimitGets431AndTheConnectionClosesWithoutServingWhatFollows() throws Exception {
        try (RefusalGuardProxy proxy = start(Duration.ofSeconds(30));
             Socket socket = new Socket("127.0.0.1", proxy.adminPort())) {
            String big = "GET /healthz HTTP/1.1\r\nhost: admin\r\nx-big: " + "a".repeat(10_000) + "\r\n\r\n"
                    + "GET /healthz HTTP/1.1\r\nhost: admin\r\n\r\n";
            socket.getOutputStream().write(big.getBytes(StandardCharsets.US_ASCII));
            String all = readUntilClosed(socket);
            assertThat(all).startsWith("HTTP/1.1 431 ").doesNotContain("200 OK");
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the admin server kept the connection open after a malformed request", e);
        }
    }
}
