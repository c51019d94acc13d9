package dev.refusalguard.benchmarks.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpClientCodec;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Opens {@code streams} streaming requests at a fixed start rate, each on its own connection, and keeps them all
 * open until their upstream finishes: with streams longer than the ramp, all of them are in flight at once. The
 * target's resident memory is sampled every 100 ms while they run.
 */
final class ConcurrentStreamsRun {

    static final long SAMPLE_MILLIS = 100;

    private ConcurrentStreamsRun() {
    }

    static StreamResult run(EventLoop loop, Target target, int streams, int startsPerSecond, Duration timeout)
            throws Exception {
        Tally tally = new Tally();
        ChannelGroup channels = new DefaultChannelGroup(loop);
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
        AtomicBoolean sampling = new AtomicBoolean(true);
        AtomicLong peakRss = new AtomicLong(ProcessStats.rssBytes(target.pid()));
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                peakRss.accumulateAndGet(ProcessStats.rssBytes(target.pid()), Math::max);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(SAMPLE_MILLIS));
            }
        }, "rss-sampler");
        sampler.setDaemon(true);
        long cpuBefore = ProcessStats.cpuNanos(target.pid());
        sampler.start();
        long period = TimeUnit.SECONDS.toNanos(1) / startsPerSecond;
        long t0 = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
        for (int i = 0; i < streams; i++) {
            long due = t0 + i * period;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            loop.execute(() -> start(bootstrap, target, due, tally, channels));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (tally.finished() < streams && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        sampling.set(false);
        sampler.join(1000);
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        long cpu = ProcessStats.cpuNanos(target.pid()) - cpuBefore;
        return FixedRateRun.onLoop(loop, () -> tally.result(target.name(), streams, peakRss.get(), cpu));
    }

    private static void start(Bootstrap bootstrap, Target target, long due, Tally tally, ChannelGroup channels) {
        StreamProbe probe = new StreamProbe(target, due, tally);
        tally.started();
        ChannelFuture f = bootstrap.clone()
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("http", new HttpClientCodec()).addLast("probe", probe);
                    }
                })
                .connect(target.host(), target.port());
        channels.add(f.channel());
        f.addListener(done -> {
            if (!done.isSuccess()) {
                probe.connectFailed(done.cause());
            }
        });
    }

    /** Counts and histograms of one segment; the loop writes them, {@link #finished()} is read from outside. */
    private static final class Tally implements StreamProbe.Listener {
        private final Histogram firstByte = new Histogram(LatencyRecorder.MAX_MICROS, 3);
        private final Histogram firstToken = new Histogram(LatencyRecorder.MAX_MICROS, 3);
        private final Histogram whole = new Histogram(LatencyRecorder.MAX_MICROS, 3);
        private final Map<String, Integer> failures = new TreeMap<>();
        private final AtomicLong finished = new AtomicLong();
        private int active;
        private int peakActive;
        private long completed;
        private long failed;

        void started() {
            active++;
            peakActive = Math.max(peakActive, active);
        }

        @Override
        public void finished(StreamProbe p) {
            active--;
            finished.incrementAndGet();
            if (p.failure() != null) {
                failed++;
                failures.merge(p.failure(), 1, Integer::sum);
                return;
            }
            completed++;
            firstByte.recordValue(micros(p.firstByteNanos() - p.dueNanos()));
            firstToken.recordValue(micros(p.firstTokenNanos() - p.dueNanos()));
            whole.recordValue(micros(p.endNanos() - p.dueNanos()));
        }

        private static long micros(long nanos) {
            return Math.min(LatencyRecorder.MAX_MICROS, Math.max(1, nanos / 1000));
        }

        long finished() {
            return finished.get();
        }

        StreamResult result(String target, int streams, long peakRss, long cpu) {
            long missing = streams - finished.get();
            Map<String, Integer> f = new TreeMap<>(failures);
            if (missing > 0) {
                f.merge("unfinished at timeout", (int) missing, Integer::sum);
            }
            return new StreamResult(target, firstByte.copy(), firstToken.copy(), whole.copy(), completed,
                    failed + missing, f, peakActive, peakRss, cpu);
        }
    }
}
