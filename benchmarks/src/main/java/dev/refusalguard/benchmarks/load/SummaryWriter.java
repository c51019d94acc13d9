package dev.refusalguard.benchmarks.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.HdrHistogram.Histogram;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a run as Markdown tables (figures, ratios, added latency over the baseline, the targets) and as
 * JSON. Target names {@code nginx}, {@code portkey} and {@code refusalguard} are recognised for the ratios and
 * the target checks; any other names are reported in the tables only.
 */
final class SummaryWriter {

    static final String US = "refusalguard";
    /** The same proxy with every request's prompt made unique (nothing keyed on the request text is reused). */
    static final String US_UNIQUE = "refusalguard-unique";
    static final double MIB = 1024.0 * 1024.0;

    private final HarnessPlan plan;
    private final Map<String, TargetFigures> figures;
    private final Instant started;
    private final Instant ended;

    SummaryWriter(HarnessPlan plan, Map<String, TargetFigures> figures, Instant started, Instant ended) {
        this.plan = plan;
        this.figures = figures;
        this.started = started;
        this.ended = ended;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        TargetFigures base = figures.get(plan.baseline().name());
        md.append(f("Harness run %s to %s; %.0f s JIT warm-up per target (and %d warm-up streams), then %d interleaved "
                        + "rounds of %.1f s per target and phase (+%.1f s unrecorded lead-in); baseline `%s`.%n%n",
                started, ended, plan.jitWarmup().toMillis() / 1000.0, plan.streams() > 0 ? plan.warmupStreams() : 0,
                plan.rounds(), plan.segment().toMillis() / 1000.0, plan.warmup().toMillis() / 1000.0,
                plan.baseline().name()));

        md.append(f("#### Non-streaming throughput (%d connections, closed loop) and memory%n%n", plan.concurrency()));
        md.append("| target | requests/s | x baseline | errors | CPU µs/request* | idle RSS MiB (start / end) | RSS under load MiB |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (TargetFigures t : figures.values()) {
            TargetFigures.Merged m = t.throughput;
            TargetFigures.Merged cpuAt = m;
            md.append(f("| %s | %.0f | %.2f | %d | %s | %s / %s | %s |%n", t.target.name(), m.throughput(),
                    ratio(m.throughput(), base.throughput.throughput()), m.failed,
                    t.target.pid() == 0 ? "n/a" : f("%.0f", cpuAt.cpuMicrosPerRequest()),
                    mib(t.idleRssBefore), mib(t.idleRssAfter), mib(m.peakRssBytes)));
        }
        md.append(f("%n\\* CPU time of the target's own processes (for the baseline: the test upstream) per answered "
                + "request, from /proc/PID/stat (10 ms ticks) over the measured throughput windows.%n%n"));

        for (int rate : plan.rates()) {
            md.append(f("#### Latency at %d requests/s (open loop, from intended send time), ms%n%n", rate));
            md.append("| target | p50 | p99 | p99.9 | max | added p50 | added p99 | added p99.9 | errors |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            TargetFigures.Merged b = base.rate(rate);
            for (TargetFigures t : figures.values()) {
                TargetFigures.Merged m = t.rate(rate);
                md.append(f("| %s | %.3f | %.3f | %.3f | %.3f | %s | %s | %s | %d |%n", t.target.name(),
                        m.percentileMillis(50), m.percentileMillis(99), m.percentileMillis(99.9),
                        m.micros.getTotalCount() == 0 ? Double.NaN : m.micros.getMaxValue() / 1000.0,
                        added(m, b, 50, t), added(m, b, 99, t), added(m, b, 99.9, t), m.failed));
            }
            md.append('\n');
        }

        if (plan.streams() > 0) {
            md.append(f("#### %d concurrent streams (opened at %d/s), ms from the stream's due time%n%n",
                    plan.streams(), plan.streamStartsPerSec()));
            md.append("| target | completed | failed | peak open | TTFB p50 | TTFB p99 | TTFT p50 | TTFT p99 | added TTFT p50 | added TTFT p99 | peak RSS MiB | failures |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
            StreamResult bs = base.streams;
            for (TargetFigures t : figures.values()) {
                StreamResult s = t.streams;
                if (s == null) {
                    continue;
                }
                md.append(f("| %s | %d | %d | %d | %.1f | %.1f | %.1f | %.1f | %s | %s | %s | %s |%n", t.target.name(),
                        s.completed(), s.failed(), s.peakConcurrent(), ms(s.firstByte(), 50), ms(s.firstByte(), 99),
                        ms(s.firstToken(), 50), ms(s.firstToken(), 99),
                        t == base ? "-" : f("%.1f", ms(s.firstToken(), 50) - ms(bs.firstToken(), 50)),
                        t == base ? "-" : f("%.1f", ms(s.firstToken(), 99) - ms(bs.firstToken(), 99)),
                        mib(s.peakRssBytes()), s.failures().isEmpty() ? "" : s.failures().toString()));
            }
            md.append('\n');
        }
        md.append(targets(base));
        return md.toString();
    }

    private String targets(TargetFigures base) {
        if (figures.get(US) == null) {
            return "";
        }
        StringBuilder md = new StringBuilder("#### Targets (issue 7)\n\n| target | measured | verdict |\n|---|---|---|\n");
        targetRows(md, base, figures.get(US), "");
        TargetFigures unique = figures.get(US_UNIQUE);
        if (unique != null) {
            targetRows(md, base, unique, ", unique prompts");
        }
        return md.append('\n').toString();
    }

    /** The target rows for one RefusalGuard target; {@code label} tells the unique-prompt rows apart. */
    private void targetRows(StringBuilder md, TargetFigures base, TargetFigures us, String label) {
        int top = plan.rates().contains(2000) ? 2000 : -1;
        if (top > 0) {
            double added = us.rate(top).percentileMillis(99) - base.rate(top).percentileMillis(99);
            md.append(f("| added p99 <= 1 ms at 2,000 rps, classification on%s | %.3f ms | %s |%n", label, added,
                    verdict(added <= 1.0)));
        }
        TargetFigures nginx = figures.get("nginx");
        if (nginx != null) {
            double r = ratio(us.throughput.throughput(), nginx.throughput.throughput());
            md.append(f("| throughput >= 0.7 x nginx%s | %.2f x | %s |%n", label, r, verdict(r >= 0.7)));
        }
        TargetFigures portkey = figures.get("portkey");
        if (portkey != null) {
            double r = ratio(us.throughput.throughput(), portkey.throughput.throughput());
            md.append(f("| throughput >= 3 x Portkey%s | %.2f x | %s |%n", label, r, verdict(r >= 3.0)));
        }
        if (us.streams != null && base.streams != null) {
            StreamResult s = us.streams;
            boolean ok = s.failed() == 0 && s.completed() == plan.streams() && s.peakConcurrent() >= plan.streams();
            md.append(f("| %d concurrent streams, -Xmx256m, no errors%s | %d completed, %d failed, peak %d open | %s |%n",
                    plan.streams(), label, s.completed(), s.failed(), s.peakConcurrent(), verdict(ok)));
            double addedP99 = ms(s.firstToken(), 99) - ms(base.streams.firstToken(), 99);
            md.append(f("| added TTFT p99 <= window (%.0f ms) + 1 ms%s | %.1f ms | %s |%n", plan.windowMillis(),
                    label, addedP99, verdict(addedP99 <= plan.windowMillis() + 1.0)));
        }
        if (us.target.pid() != 0 && label.isEmpty()) {
            md.append(f("| idle RSS <= 200 MiB, classifier loaded | %s MiB at start, %s MiB after the run | %s |%n",
                    mib(us.idleRssBefore), mib(us.idleRssAfter), verdict(us.idleRssBefore <= 200 * MIB)));
        }
    }

    String json() throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("started", started.toString());
        root.put("ended", ended.toString());
        root.put("baseline", plan.baseline().name());
        root.put("rounds", plan.rounds());
        root.put("segmentSeconds", plan.segment().toMillis() / 1000.0);
        root.put("concurrency", plan.concurrency());
        root.put("windowMillis", plan.windowMillis());
        ObjectNode targets = root.putObject("targets");
        for (TargetFigures t : figures.values()) {
            ObjectNode n = targets.putObject(t.target.name());
            n.put("url", t.target.url().toString());
            n.put("idleRssBytesStart", t.idleRssBefore);
            n.put("idleRssBytesEnd", t.idleRssAfter);
            ObjectNode tp = n.putObject("throughput");
            tp.put("requestsPerSecond", t.throughput.throughput());
            tp.put("errors", t.throughput.failed);
            tp.put("peakRssBytes", t.throughput.peakRssBytes);
            ObjectNode rates = n.putObject("rates");
            t.byRate.forEach((rate, m) -> {
                ObjectNode rn = rates.putObject(Integer.toString(rate));
                rn.put("p50Ms", m.percentileMillis(50));
                rn.put("p99Ms", m.percentileMillis(99));
                rn.put("p999Ms", m.percentileMillis(99.9));
                rn.put("succeeded", m.succeeded);
                rn.put("errors", m.failed);
                rn.put("cpuMicrosPerRequest", m.cpuMicrosPerRequest());
                rn.set("failures", mapper.valueToTree(m.failures));
            });
            if (t.streams != null) {
                StreamResult s = t.streams;
                ObjectNode sn = n.putObject("streams");
                sn.put("completed", s.completed());
                sn.put("failed", s.failed());
                sn.put("peakConcurrent", s.peakConcurrent());
                sn.put("ttfbP50Ms", ms(s.firstByte(), 50));
                sn.put("ttfbP99Ms", ms(s.firstByte(), 99));
                sn.put("ttftP50Ms", ms(s.firstToken(), 50));
                sn.put("ttftP99Ms", ms(s.firstToken(), 99));
                sn.put("peakRssBytes", s.peakRssBytes());
                sn.put("cpuNanos", s.cpuNanos());
                sn.set("failures", mapper.valueToTree(s.failures()));
            }
        }
        return mapper.writeValueAsString(root) + "\n";
    }

    private String added(TargetFigures.Merged m, TargetFigures.Merged base, double p, TargetFigures t) {
        if (t.target.equals(plan.baseline())) {
            return "-";
        }
        return f("%+.3f", m.percentileMillis(p) - base.percentileMillis(p));
    }

    private static double ms(Histogram h, double p) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(p) / 1000.0;
    }

    private static double ratio(double a, double b) {
        return b == 0 ? Double.NaN : a / b;
    }

    private static String mib(long bytes) {
        return bytes == 0 ? "n/a" : f("%.0f", bytes / MIB);
    }

    private static String verdict(boolean met) {
        return met ? "met" : "**missed**";
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
