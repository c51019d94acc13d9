package dev.refusalguard.benchmarks.load;

import dev.refusalguard.benchmarks.upstream.StubUpstream;
import dev.refusalguard.benchmarks.upstream.StubUpstreamConfig;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The load runs against the test upstream on loopback, small and quick. */
class LoopbackLoadTest {

    static StubUpstream upstream;
    static EventLoopGroup group;
    static Target target;

    @BeforeAll
    static void start() throws Exception {
        upstream = StubUpstream.start(new StubUpstreamConfig("127.0.0.1", 0, 5, Duration.ofMillis(20), 16, 1));
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        target = Target.parse("name=direct,url=" + upstream.baseUrl() + "/v1/chat/completions,pid="
                + ProcessHandle.current().pid());
    }

    @AfterAll
    static void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        upstream.close();
    }

    @Test
    void fixedRateRunSendsTheScheduledNumberOfRequestsAndRecordsEach() throws Exception {
        LoadResult r = FixedRateRun.run(group.next(), target, 200, Duration.ofMillis(500), Duration.ofMillis(100));
        assertThat(r.failed()).isZero();
        assertThat(r.succeeded()).isBetween(95L, 101L);
        assertThat(r.micros().getTotalCount()).isEqualTo(r.succeeded());
        assertThat(r.micros().getValueAtPercentile(50)).isLessThan(1_000_000);
    }

    @Test
    void fixedConcurrencyRunCountsOnlyAnswersInsideTheMeasuredWindow() throws Exception {
        LoadResult r = FixedConcurrencyRun.run(group.next(), target, 4, Duration.ofMillis(400), Duration.ofMillis(100));
        assertThat(r.failed()).isZero();
        assertThat(r.succeeded()).isPositive();
        assertThat(r.throughput()).isEqualTo(r.succeeded() / 0.4);
    }

    @Test
    void concurrentStreamsAllCompleteWithTheirFirstTokenBeforeTheirEnd() throws Exception {
        StreamResult s = ConcurrentStreamsRun.run(group.next(), target, 20, 200, Duration.ofSeconds(10));
        assertThat(s.failures()).isEmpty();
        assertThat(s.completed()).isEqualTo(20);
        assertThat(s.peakConcurrent()).isGreaterThan(1);
        // Four more chunks follow the first at 20 ms intervals.
        assertThat(s.whole().getValueAtPercentile(50) - s.firstToken().getValueAtPercentile(50))
                .isGreaterThanOrEqualTo(60_000);
    }

    @Test
    void aClosedPortIsCountedAsFailuresNotHidden() throws Exception {
        Target dead = Target.parse("name=dead,url=http://127.0.0.1:1/v1/chat/completions");
        StreamResult s = ConcurrentStreamsRun.run(group.next(), dead, 3, 100, Duration.ofSeconds(5));
        assertThat(s.completed()).isZero();
        assertThat(s.failed()).isEqualTo(3);
    }
}
