package dev.refusalguard.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time and resident memory of a process and all its descendants (nginx's workers, for example), read from
 * {@code /proc}. CPU is user + system time in clock ticks of 10 ms (USER_HZ = 100 on Linux).
 */
final class ProcessStats {

    static final long NANOS_PER_TICK = 10_000_000L;

    private ProcessStats() {
    }

    /** User + system CPU time of {@code pid} and its descendants in nanoseconds; 0 for pid 0 or a gone process. */
    static long cpuNanos(long pid) {
        long ticks = 0;
        for (long p : family(pid)) {
            String stat = read(Path.of("/proc", Long.toString(p), "stat"));
            if (stat == null) {
                continue;
            }
            // Fields after the ")" that ends the command name: state is field 3; utime 14, stime 15.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
        }
        return ticks * NANOS_PER_TICK;
    }

    private static long cpuNanos(List<Long> pids) {
        long sum = 0;
        for (long pid : pids) {
            sum += cpuNanos(pid);
        }
        return sum;
    }

    /** Resident set size of {@code pid} and its descendants in bytes (VmRSS); 0 for pid 0 or a gone process. */
    static long rssBytes(long pid) {
        long kib = 0;
        for (long p : family(pid)) {
            String status = read(Path.of("/proc", Long.toString(p), "status"));
            if (status == null) {
                continue;
            }
            for (String line : status.split("\n")) {
                if (line.startsWith("VmRSS:")) {
                    kib += Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                }
            }
        }
        return kib * 1024;
    }

    /**
     * Waits until the processes (and their children) together use less than {@code quietShare} of one core over
     * 200 ms, or
     * {@code maxWaitMillis} passed: a target still working through an abandoned backlog must not steal CPU from the
     * next target's turn. Returns the milliseconds waited.
     */
    static long settle(List<Long> pids, double quietShare, long maxWaitMillis) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + maxWaitMillis * 1_000_000L;
        long before = cpuNanos(pids);
        while (System.nanoTime() < deadline) {
            Thread.sleep(200);
            long now = cpuNanos(pids);
            if (now - before < quietShare * 200_000_000L) {
                break;
            }
            before = now;
        }
        return (System.nanoTime() - start) / 1_000_000L;
    }

    private static List<Long> family(long pid) {
        List<Long> pids = new ArrayList<>();
        if (pid <= 0) {
            return pids;
        }
        pids.add(pid);
        ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
        return pids;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return null;
        }
    }
}
