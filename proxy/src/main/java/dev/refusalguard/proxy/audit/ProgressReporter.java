package dev.refusalguard.proxy.audit;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Prints progress lines on stderr at most once a second (and a last one at the end). */
final class ProgressReporter {

    private final PrintStream err;
    private final long total;
    private final long alreadyDone;
    private final long startNanos = System.nanoTime();
    private final LongAdder done = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final AtomicLong lastPrint = new AtomicLong(System.nanoTime());

    ProgressReporter(PrintStream err, long total, long alreadyDone) {
        this.err = err;
        this.total = total;
        this.alreadyDone = alreadyDone;
    }

    void finished(boolean wasRefused) {
        done.increment();
        if (wasRefused) {
            refused.increment();
        }
        maybePrint();
    }

    void failed() {
        errors.increment();
        maybePrint();
    }

    long errors() {
        return errors.sum();
    }

    long done() {
        return done.sum();
    }

    private void maybePrint() {
        long now = System.nanoTime();
        long last = lastPrint.get();
        if (now - last >= 1_000_000_000L && lastPrint.compareAndSet(last, now)) {
            print();
        }
    }

    synchronized void print() {
        long finished = done.sum();
        long failures = errors.sum();
        double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        double rate = (finished + failures) / seconds;
        long overall = alreadyDone + finished;
        long remaining = Math.max(0, total - overall - failures);
        String eta = rate > 0 ? formatSeconds(remaining / rate) : "?";
        err.printf(Locale.ROOT, "audit: %d/%d answers (%.0f%%), %d refused, %d errors, %.1f req/s, eta %s%n",
                overall, total, total == 0 ? 100.0 : 100.0 * overall / total, refused.sum(), failures, rate, eta);
    }

    private static String formatSeconds(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? (s / 60) + "m" + (s % 60) + "s" : s + "s";
    }
}
