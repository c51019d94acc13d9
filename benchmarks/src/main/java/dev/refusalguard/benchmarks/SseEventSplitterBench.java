package dev.refusalguard.benchmarks;

import dev.refusalguard.benchmarks.upstream.StubAnswers;
import dev.refusalguard.proxy.sse.SseEvent;
import dev.refusalguard.proxy.sse.SseEventSplitter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The proxy's SSE path for one streamed answer of 64 chat chunks (about 13 KB): split into events
 * ({@link SseEventSplitter}) as it arrives in network reads of a given size, and split + parse each event
 * ({@link SseEvent#parse}). Reported per answer; divide by 66 events for the per-event cost.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m", "-Dio.netty.leakDetection.level=disabled"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SseEventSplitterBench {

    /** Size of the network reads the answer arrives in (a whole event is about 200 bytes). */
    @Param({"64", "1024", "16384"})
    public int readBytes;

    static final int CHUNKS = 64;

    private byte[][] reads;
    private final PooledByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;

    @Setup
    public void setUp() {
        StubAnswers answers = new StubAnswers(CHUNKS, 16);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(answers.roleEvent());
        for (int i = 0; i < CHUNKS; i++) {
            stream.writeBytes(answers.contentEvent(i));
        }
        stream.writeBytes(answers.finishEvent());
        stream.writeBytes(answers.doneEvent());
        byte[] all = stream.toByteArray();
        List<byte[]> parts = new ArrayList<>();
        for (int pos = 0; pos < all.length; pos += readBytes) {
            byte[] part = new byte[Math.min(readBytes, all.length - pos)];
            System.arraycopy(all, pos, part, 0, part.length);
            parts.add(part);
        }
        reads = parts.toArray(new byte[0][]);
    }

    @Benchmark
    public int splitOnly() {
        int[] events = new int[1];
        try (SseEventSplitter splitter = new SseEventSplitter(alloc, 1024 * 1024)) {
            for (byte[] read : reads) {
                ByteBuf buf = alloc.directBuffer(read.length);
                buf.writeBytes(read);
                splitter.feed(buf, event -> {
                    events[0]++;
                    event.release();
                });
            }
        }
        return events[0];
    }

    @Benchmark
    public void splitAndParse(Blackhole bh) {
        try (SseEventSplitter splitter = new SseEventSplitter(alloc, 1024 * 1024)) {
            for (byte[] read : reads) {
                ByteBuf buf = alloc.directBuffer(read.length);
                buf.writeBytes(read);
                splitter.feed(buf, event -> {
                    try {
                        bh.consume(SseEvent.parse(event));
                    } finally {
                        event.release();
                    }
                });
            }
        }
    }
}
