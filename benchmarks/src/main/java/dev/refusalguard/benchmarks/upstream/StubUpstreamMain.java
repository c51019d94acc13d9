package dev.refusalguard.benchmarks.upstream;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the test upstream until killed:
 * {@code java -cp benchmarks.jar dev.refusalguard.benchmarks.upstream.StubUpstreamMain --port 0
 * [--chunks 60] [--interval-ms 50] [--chunk-chars 16] [--threads 1]}. Prints {@code listening PORT}.
 */
public final class StubUpstreamMain {

    private StubUpstreamMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value pairs, got " + args[i]);
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        StubUpstreamConfig config = new StubUpstreamConfig(
                opts.getOrDefault("host", "127.0.0.1"),
                Integer.parseInt(opts.getOrDefault("port", "0")),
                Integer.parseInt(opts.getOrDefault("chunks", "60")),
                Duration.ofMillis(Long.parseLong(opts.getOrDefault("interval-ms", "50"))),
                Integer.parseInt(opts.getOrDefault("chunk-chars", "16")),
                Integer.parseInt(opts.getOrDefault("threads", "1")));
        StubUpstream upstream = StubUpstream.start(config);
        System.out.println("listening " + upstream.port());
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(upstream::close, "stub-upstream-stop"));
        new CountDownLatch(1).await();
    }
}
