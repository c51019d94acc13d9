package dev.refusalguard.benchmarks;

import dev.refusalguard.benchmarks.load.ChatRequests;
import dev.refusalguard.policies.PolicyConfig;
import dev.refusalguard.policies.RequestAnalysis;
import dev.refusalguard.policies.RequestAnalyzer;
import dev.refusalguard.policies.Rephraser;
import dev.refusalguard.policies.TaskCategory;
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

import java.util.concurrent.TimeUnit;

/**
 * The request analysis the proxy runs on every inspected request (category, sensitive terms, authorization
 * claim, intent) with the default policy's analyzer, as the proxy's PolicyState calls it, and the rephraser used when a
 * refusal is recovered. Texts: the harness prompt (about 190 characters) and a 4 KB agent message with pasted
 * log lines.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ProxyRequestAnalysisBench {

    @Param({"prompt", "log4k"})
    public String text;

    private final RequestAnalyzer analyzer = PolicyConfig.loadDefault().createAnalyzer();
    private final Rephraser rephraser = analyzer.rephraser();
    private String input;

    @Setup
    public void setUp() {
        input = text.equals("prompt") ? ChatRequests.prompt() : ChatRequests.logMessage(4096);
    }

    @Benchmark
    public RequestAnalysis analyze() {
        return analyzer.analyze(input);
    }

    @Benchmark
    public String rephrase() {
        return rephraser.rephrase(input, TaskCategory.MALWARE_ANALYSIS).text();
    }
}
