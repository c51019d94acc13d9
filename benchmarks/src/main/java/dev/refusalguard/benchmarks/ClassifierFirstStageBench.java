package dev.refusalguard.benchmarks;

import dev.refusalguard.classifier.OnnxRefusalClassifier;
import dev.refusalguard.classifier.PrefixVerdict;
import dev.refusalguard.classifier.RefusalVerdict;
import dev.refusalguard.classifier.text.FeaturizerSpec;
import dev.refusalguard.classifier.text.HashedNgramFeaturizer;
import dev.refusalguard.classifier.text.SparseVector;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Latency of the refusal classifier's first stage (hashed n-gram features + ONNX Runtime linear model) on
 * 512-character answers, one thread. SampleTime mode reports percentiles (target: p99 <= 50 us). {@code classify} of a
 * complete answer includes the whole-answer block (closing words and shape); {@code classifyPrefix64} is an unfinished
 * stream prefix (opening block only).
 *
 * <pre>
 *   mvn -B -q -pl benchmarks -am install -DskipTests
 *   mvn -B -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=/tmp/bench-cp.txt
 *   java -cp "benchmarks/target/classes:$(cat /tmp/bench-cp.txt)" org.openjdk.jmh.Main ClassifierFirstStageBench
 * </pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class ClassifierFirstStageBench {

    static final String COMPLIANT = exactly512("Unfortunately this is a very common malicious pattern, so here is what it does and how to catch it. "
            + "The macro calls Shell with a base64-encoded PowerShell command; decoded, it is a download cradle that pulls the "
            + "second stage from the attacker's server and runs it in memory. Persistence is a Run key named OneDriveUpdate. "
            + "Isolate the host but do not power it off, collect volatile data, then take a memory image with WinPmem. "
            + "Block the C2 domain at the proxy and hunt for the scheduled task on other hosts through your EDR console. ");

    static final String REFUSAL = exactly512("Thanks for the detailed write-up. It's clear you've put real work into this investigation, "
            + "and defending a network with a small team is hard. I appreciate that you shared the context about your SOC and the "
            + "timeline of the alerts. That said, I'm not able to provide a working exploit or code that disables endpoint "
            + "protection, even for an authorised engagement, because it could enable real harm if misused. I'd recommend "
            + "engaging a qualified incident-response firm or your EDR vendor, who can review this with full access. ");

    /**
     * Distinct String objects with the same text, used in turn: the featurizer remembers the last String it featurised
     * on a thread (by identity), and one repeated object would measure that memo instead of the featurisation.
     */
    static final int COPIES = 64;

    /** An ONNX model file to measure instead of the shipped model (e.g. an earlier one, for a before/after). */
    @Param("")
    public String model;

    private OnnxRefusalClassifier classifier;
    private HashedNgramFeaturizer featurizer;
    private final String[] compliant = new String[COPIES];
    private final String[] refusal = new String[COPIES];
    private final String[] prefix64 = new String[COPIES];
    private int next;
    private dev.refusalguard.classifier.model.OnnxTextModel onnx;
    private SparseVector compliantFeatures;

    static String exactly512(String s) {
        StringBuilder sb = new StringBuilder(s);
        while (sb.length() < 512) {
            sb.append(' ').append(s);
        }
        return sb.substring(0, 512);
    }

    @Setup
    public void setUp() throws java.io.IOException {
        classifier = model.isEmpty() ? OnnxRefusalClassifier.loadDefault()
                : OnnxRefusalClassifier.load(java.nio.file.Path.of(model), dev.refusalguard.classifier.ClassifierConfig.defaults());
        featurizer = new HashedNgramFeaturizer(model.isEmpty() ? FeaturizerSpec.refusalDefault()
                : classifier.featurizerSpec());
        onnx = model.isEmpty()
                ? dev.refusalguard.classifier.model.OnnxTextModel.loadResource(OnnxRefusalClassifier.class, OnnxRefusalClassifier.MODEL_RESOURCE)
                : dev.refusalguard.classifier.model.OnnxTextModel.load(java.nio.file.Files.readAllBytes(java.nio.file.Path.of(model)), 1);
        compliantFeatures = featurizer.featurize(COMPLIANT);
        for (int i = 0; i < COPIES; i++) {
            compliant[i] = new String(COMPLIANT.toCharArray());
            refusal[i] = new String(REFUSAL.toCharArray());
            prefix64[i] = new String(COMPLIANT.substring(0, 64).toCharArray());
        }
    }

    private int nextCopy() {
        next = (next + 1) & (COPIES - 1);
        return next;
    }

    @TearDown
    public void tearDown() {
        classifier.close();
        onnx.close();
    }

    @Benchmark
    public RefusalVerdict classifyCompliant512() {
        return classifier.classify(compliant[nextCopy()]);
    }

    @Benchmark
    public RefusalVerdict classifyRefusal512() {
        return classifier.classify(refusal[nextCopy()]);
    }

    @Benchmark
    public PrefixVerdict classifyPrefix64() {
        return classifier.classifyPrefix(prefix64[nextCopy()], false);
    }

    @Benchmark
    public SparseVector featurizeOnly512() {
        return featurizer.featurize(compliant[nextCopy()]);
    }

    /** The ONNX Runtime part alone: one inference of a 512-char answer's features (computed once in setup). */
    @Benchmark
    public float[] onnxOnly512() {
        return onnx.predict(compliantFeatures);
    }
}
