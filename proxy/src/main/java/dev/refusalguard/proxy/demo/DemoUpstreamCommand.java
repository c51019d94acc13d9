package dev.refusalguard.proxy.demo;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code refusalguard.jar demo-upstream}: runs only the simulated LLM API, for trying the proxy with any
 * client ({@code serve --upstream http://127.0.0.1:8000}) or for {@code audit}.
 *
 * <pre>
 * demo-upstream [--port N] [--seed N] [--chunk-delay-ms N] [--lenient-models a,b] [--plain-text-refusals]
 *               [--gzip] [--for SECONDS]
 * </pre>
 * Serves until the process is stopped (Ctrl-C), or for {@code --for} seconds.
 */
public final class DemoUpstreamCommand {

    static final String USAGE = "usage: demo-upstream [--port N (default 8000, 0 = any free port)] [--seed N]"
            + " [--chunk-delay-ms N] [--lenient-models a,b] [--plain-text-refusals] [--gzip] [--for SECONDS]";

    private DemoUpstreamCommand() {
    }

    /** The value after {@code flag}, parsed as a whole number; a value that is none names its flag. */
    private static <T> T wholeNumber(String[] args, int i, String flag, java.util.function.Function<String, T> parse) {
        String v = value(args, i, flag);
        try {
            return parse.apply(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " " + v + ": not a whole number");
        }
    }

    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        DemoUpstreamConfig config = DemoUpstreamConfig.defaults().withPort(8000);
        long serveSeconds = -1;
        try {
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                switch (flag) {
                    case "--port" -> config = config.withPort(wholeNumber(args, ++i, flag, Integer::parseInt));
                    case "--seed" -> config = config.withSeed(wholeNumber(args, ++i, flag, Long::parseLong));
                    case "--chunk-delay-ms" -> config = config.withChunkDelay(
                            Duration.ofMillis(wholeNumber(args, ++i, flag, Long::parseLong)));
                    case "--lenient-models" -> {
                        List<String> lenient = Arrays.stream(value(args, ++i, flag).split(","))
                                .map(String::trim).filter(s -> !s.isEmpty()).toList();
                        config = new DemoUpstreamConfig(config.port(), config.seed(), config.chunkDelay(),
                                config.deltaWords(), config.maxRequestBytes(), config.models(), lenient,
                                config.deliveryMix(), config.calibration(), config.compressResponses());
                    }
                    case "--plain-text-refusals" -> config = config.withDeliveryMix(RefusalDeliveryMix.plainTextOnly());
                    case "--gzip" -> config = config.withCompressResponses(true);
                    case "--for" -> serveSeconds = wholeNumber(args, ++i, flag, Long::parseLong);
                    case "-h", "--help" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("demo-upstream: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        DemoUpstream upstream;
        try {
            upstream = DemoUpstream.start(config);
        } catch (IllegalStateException e) {
            err.println("demo-upstream: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            upstream.close();
            stopped.countDown();
        }, "demo-upstream-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("demo upstream (SIMULATED model, see docs/demo.md) listening on " + upstream.baseUri()
                + "  models: " + String.join(", ", config.models()));
        out.flush();
        try {
            if (serveSeconds >= 0) {
                stopped.await(serveSeconds, TimeUnit.SECONDS);
            } else {
                stopped.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (stopped.getCount() > 0) {
                Runtime.getRuntime().removeShutdownHook(hook);
                upstream.close();
            }
        }
        return 0;
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }
}
