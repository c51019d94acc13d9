package dev.refusalguard.benchmarks;

import dev.refusalguard.classifier.OnnxRefusalClassifier;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * Per-call latency of the refusal classifier's first stage on a 512-character answer, measured two ways on one
 * thread: wall-clock time and the thread's own CPU time. On a shared machine the wall-clock tail is dominated by the
 * scheduler (the thread is descheduled mid-call); the CPU-time histogram shows the cost of the call itself on one
 * core. Complements the JMH {@link ClassifierFirstStageBench}.
 *
 * <pre>java -cp ... dev.refusalguard.benchmarks.ClassifierCpuTimeBench [calls]</pre>
 */
public final class ClassifierCpuTimeBench {

    private ClassifierCpuTimeBench() {
    }

    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        run(calls, System.out);
    }

    public static void run(int calls, PrintStream out) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (OnnxRefusalClassifier c = OnnxRefusalClassifier.loadDefault()) {
            String[] texts = {ClassifierFirstStageBench.COMPLIANT, ClassifierFirstStageBench.REFUSAL};
            for (int i = 0; i < 30_000; i++) {
                c.classify(texts[i & 1]);
            }
            Histogram wall = new Histogram(3_600_000_000L, 3);
            Histogram cpu = new Histogram(3_600_000_000L, 3);
            long sink = 0;
            for (int i = 0; i < calls; i++) {
                long c0 = mx.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                sink += c.classify(texts[i & 1]).label().ordinal();
                long w1 = System.nanoTime();
                long c1 = mx.getCurrentThreadCpuTime();
                wall.recordValue(Math.max(0, w1 - w0));
                cpu.recordValue(Math.max(0, c1 - c0));
            }
            out.printf(Locale.ROOT, "first stage, 512-char answers, %d calls (checksum %d)%n", calls, sink);
            print(out, "wall-clock", wall);
            print(out, "thread CPU", cpu);
        }
    }

    private static void print(PrintStream out, String name, Histogram h) {
        out.printf(Locale.ROOT, "%-10s mean %.1f us  p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f us%n", name,
                h.getMean() / 1e3, h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3,
                h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3);
    }
}
