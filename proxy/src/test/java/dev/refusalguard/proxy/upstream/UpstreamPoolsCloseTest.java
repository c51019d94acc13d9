package dev.refusalguard.proxy.upstream;

import dev.refusalguard.proxy.RefusalGuardProxy;
import dev.refusalguard.proxy.testing.ProxyHarness;
import dev.refusalguard.proxy.testing.RawHttp;
import dev.refusalguard.proxy.testing.ScriptedUpstream;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Full;
import dev.refusalguard.proxy.testing.StreamFormat;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing the proxy closes its upstream pools before its event loops stop. A pool closes its idle connections from
 * Netty's single global executor and waits there, unbounded, for each close: one whose loop had stopped first never
 * closed, which blocked that executor for the rest of the JVM, and with it the termination of every event-loop group
 * started later in it (seen in a test run: every later test upstream's shutdown waited out its 10 s timeout).
 */
class UpstreamPoolsCloseTest {

    @Test
    void closingTheProxyClosesItsPooledUpstreamConnectionsAndLeavesNettysGlobalExecutorFree() throws Exception {
        StreamFormat format = StreamFormat.values()[0];
        try (ScriptedUpstream upstream = new ScriptedUpstream(r -> Full.json(format.answer("Here is the summary.")))) {
            for (int round = 0; round < 10; round++) {
                int closedBefore = upstream.closedConnections();
                int openedBefore = upstream.openedConnections();
                RefusalGuardProxy proxy = ProxyHarness.start(upstream.baseUrl(), ProxyHarness.classifier());
                for (int i = 0; i < 3; i++) {
                    assertThat(RawHttp.post(proxy.baseUrl() + format.path(), format.body("Summarise the logs.", false),
                            Map.of()).statusCode()).isEqualTo(200);
                }
                proxy.close();
                int opened = upstream.openedConnections() - openedBefore;
                assertThat(opened).isPositive();
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (upstream.closedConnections() - closedBefore < opened && System.nanoTime() < until) {
                    Thread.sleep(10);
                }
                assertThat(upstream.closedConnections() - closedBefore).as("round " + round).isEqualTo(opened);
                assertThat(GlobalEventExecutor.INSTANCE.submit(() -> { }).awaitUninterruptibly(2, TimeUnit.SECONDS))
                        .as("Netty's global executor still runs tasks after round " + round).isTrue();
            }
        }
    }
}
