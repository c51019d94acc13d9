package dev.refusalguard.benchmarks.load;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The load generator: runs the phases of a {@link HarnessPlan} against every target, interleaved round by round
 * so machine noise hits all targets alike, and writes {@code summary.md} and {@code results.json}.
 *
 * <pre>
 * java -cp benchmarks.jar dev.refusalguard.benchmarks.load.LoadHarness \
 *   --target name=direct,url=http://127.0.0.1:9000/v1/chat/completions,pid=111 \
 *   --target name=refusalguard,url=http://127.0.0.1:8080/v1/chat/completions,pid=222 \
 *   [--rounds 3] [--segment-s 5] [--warmup-s 1] [--jit-warmup-s 30] [--concurrency 64] [--rates 500,2000] \
 *   [--streams 1000] [--warmup-streams 1000] [--stream-starts-per-s 1000] [--window-ms 750] --out DIR
 * </pre>
 */
public final class LoadHarness {

    /** Targets are quiet below 10% of one core together; they get at most 15 s to get there. */
    static final double SETTLE_QUIET_SHARE = 0.10;
    static final long SETTLE_MAX_MILLIS = 15_000;

    private LoadHarness() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        HarnessPlan plan;
        try {
            plan = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("load harness: " + e.getMessage());
            return 2;
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            EventLoop loop = group.next();
            Map<String, TargetFigures> figures = new LinkedHashMap<>();
            plan.targets().forEach(t -> figures.put(t.name(), new TargetFigures(t)));
            Instant started = Instant.now();
            measure(plan, loop, figures, out);
            Files.createDirectories(plan.out());
            SummaryWriter writer = new SummaryWriter(plan, figures, started, Instant.now());
            Files.writeString(plan.out().resolve("summary.md"), writer.markdown());
            Files.writeString(plan.out().resolve("results.json"), writer.json());
            out.println();
            out.print(writer.markdown());
            return 0;
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    private static void measure(HarnessPlan plan, EventLoop loop, Map<String, TargetFigures> figures,
                                PrintStream out) throws Exception {
        for (Target t : plan.targets()) {
            figures.get(t.name()).idleRssBefore = ProcessStats.rssBytes(t.pid());
        }
        for (Target t : plan.targets()) {
            log(out, "warm-up " + t.name());
            FixedConcurrencyRun.run(loop, t, plan.concurrency(), plan.jitWarmup().plusMillis(1), Duration.ZERO);
            if (plan.streams() > 0 && plan.warmupStreams() > 0) {
                ConcurrentStreamsRun.run(loop, t, plan.warmupStreams(), plan.streamStartsPerSec(),
                        plan.streamTimeout());
            }
        }
        for (int r = 0; r < plan.rounds(); r++) {
            for (Target t : plan.order(r)) {
                settle(plan, out);
                LoadResult res = FixedConcurrencyRun.run(loop, t, plan.concurrency(), plan.segment(), plan.warmup());
                figures.get(t.name()).throughput.add(res);
                log(out, String.format("throughput round %d %-12s %8.0f rps  errors %d", r + 1, t.name(),
                        res.throughput(), res.failed()));
            }
        }
        for (int rate : plan.rates()) {
            for (int r = 0; r < plan.rounds(); r++) {
                for (Target t : plan.order(r)) {
                    settle(plan, out);
                    LoadResult res = FixedRateRun.run(loop, t, rate, plan.segment(), plan.warmup());
                    figures.get(t.name()).rate(rate).add(res);
                    log(out, String.format("rate %d round %d %-12s p50 %.3f p99 %.3f p99.9 %.3f ms  errors %d",
                            rate, r + 1, t.name(), res.micros().getValueAtPercentile(50) / 1000.0,
                            res.micros().getValueAtPercentile(99) / 1000.0,
                            res.micros().getValueAtPercentile(99.9) / 1000.0, res.failed()));
                }
            }
        }
        if (plan.streams() > 0) {
            for (Target t : plan.targets()) {
                settle(plan, out);
                StreamResult s = ConcurrentStreamsRun.run(loop, t, plan.streams(), plan.streamStartsPerSec(),
                        plan.streamTimeout());
                figures.get(t.name()).streams = s;
                log(out, String.format("streams %-12s completed %d failed %d peak %d  TTFT p50 %.1f ms  RSS %d MiB %s",
                        t.name(), s.completed(), s.failed(), s.peakConcurrent(),
                        s.firstToken().getValueAtPercentile(50) / 1000.0, s.peakRssBytes() >> 20, s.failures()));
            }
        }
        Thread.sleep(1000);
        for (Target t : plan.targets()) {
            figures.get(t.name()).idleRssAfter = ProcessStats.rssBytes(t.pid());
        }
    }

    /** Lets every target go quiet (the previous turn's may still work off a backlog) before a measured turn. */
    private static void settle(HarnessPlan plan, PrintStream out) throws InterruptedException {
        List<Long> pids = plan.targets().stream().map(Target::pid).filter(p -> p > 0).toList();
        long waited = ProcessStats.settle(pids, SETTLE_QUIET_SHARE, SETTLE_MAX_MILLIS);
        if (waited > 1000) {
            log(out, "waited " + waited + " ms for the targets to go quiet");
        }
    }

    private static void log(PrintStream out, String line) {
        out.println(Instant.now() + " " + line);
        out.flush();
    }

    static HarnessPlan parse(String[] args) {
        List<Target> targets = new ArrayList<>();
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value, got " + a);
            }
            String v = args[++i];
            if (a.equals("--target")) {
                targets.add(Target.parse(v));
            } else {
                opts.put(a.substring(2), v);
            }
        }
        List<Integer> rates = new ArrayList<>();
        for (String r : opts.getOrDefault("rates", "500,2000").split(",")) {
            rates.add(Integer.parseInt(r.trim()));
        }
        String outDir = opts.remove("out");
        if (outDir == null) {
            throw new IllegalArgumentException("--out DIR is required");
        }
        HarnessPlan plan = new HarnessPlan(targets,
                Integer.parseInt(opts.getOrDefault("rounds", "3")),
                Duration.ofMillis((long) (Double.parseDouble(opts.getOrDefault("segment-s", "5")) * 1000)),
                Duration.ofMillis((long) (Double.parseDouble(opts.getOrDefault("warmup-s", "1")) * 1000)),
                Duration.ofMillis((long) (Double.parseDouble(opts.getOrDefault("jit-warmup-s", "30")) * 1000)),
                Integer.parseInt(opts.getOrDefault("concurrency", "64")),
                rates,
                Integer.parseInt(opts.getOrDefault("streams", "1000")),
                Integer.parseInt(opts.getOrDefault("warmup-streams", opts.getOrDefault("streams", "1000"))),
                Integer.parseInt(opts.getOrDefault("stream-starts-per-s", "1000")),
                Duration.ofSeconds(Long.parseLong(opts.getOrDefault("stream-timeout-s", "60"))),
                Double.parseDouble(opts.getOrDefault("window-ms", "0")),
                Path.of(outDir));
        for (String k : opts.keySet()) {
            if (!List.of("rounds", "segment-s", "warmup-s", "jit-warmup-s", "concurrency", "rates", "streams",
                    "warmup-streams", "stream-starts-per-s", "stream-timeout-s", "window-ms").contains(k)) {
                throw new IllegalArgumentException("unknown option --" + k);
            }
        }
        return plan;
    }
}
