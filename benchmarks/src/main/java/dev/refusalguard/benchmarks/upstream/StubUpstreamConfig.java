package dev.refusalguard.benchmarks.upstream;

import java.time.Duration;

/**
 * Settings of the benchmark's test upstream.
 *
 * @param host          listen host (loopback in the harness)
 * @param port          listen port (0 = any free port)
 * @param streamChunks  content chunks in one streamed answer
 * @param chunkInterval time between two content chunks of a stream (the first is sent at once)
 * @param chunkChars    characters of answer text per content chunk
 * @param ioThreads     event-loop threads
 */
public record StubUpstreamConfig(String host, int port, int streamChunks, Duration chunkInterval, int chunkChars,
                                 int ioThreads) {

    public StubUpstreamConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("upstream.host: must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("upstream.port: must be 0..65535, was " + port);
        }
        if (streamChunks < 1 || streamChunks > 100_000) {
            throw new IllegalArgumentException("upstream.streamChunks: must be 1..100000, was " + streamChunks);
        }
        if (chunkInterval == null || chunkInterval.isNegative()) {
            throw new IllegalArgumentException("upstream.chunkInterval: must be >= 0, was " + chunkInterval);
        }
        if (chunkChars < 1 || chunkChars > 4096) {
            throw new IllegalArgumentException("upstream.chunkChars: must be 1..4096, was " + chunkChars);
        }
        if (ioThreads < 1 || ioThreads > 64) {
            throw new IllegalArgumentException("upstream.ioThreads: must be 1..64, was " + ioThreads);
        }
    }

    /** 60 chunks of 16 characters every 50 ms (a 3 s answer of 960 characters). */
    public static StubUpstreamConfig defaults(int port) {
        return new StubUpstreamConfig("127.0.0.1", port, 60, Duration.ofMillis(50), 16, 1);
    }
}
