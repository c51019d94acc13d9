package dev.refusalguard.benchmarks;

import dev.refusalguard.classifier.OnnxRefusalClassifier;
import dev.refusalguard.classifier.PrefixDecision;
import dev.refusalguard.classifier.PrefixVerdict;
import dev.refusalguard.classifier.RefusalVerdict;
import dev.refusalguard.classifier.data.LabeledText;
import dev.refusalguard.classifier.data.WrittenCases;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The whole refusal-classification cascade as the proxy runs it, per answer, over a mix of answers of every class and
 * length (the written cases: compliant, hard, soft and partial refusals, one-liners, code, five other languages):
 * <ul>
 *   <li>{@code fullAnswer}: a non-streamed answer, clipped to {@code detection.classifyTextChars} (2,048), one
 *       {@code classify} (opening, closing and shape features, ONNX Runtime);</li>
 *   <li>{@code streamedAnswer}: a streamed answer: {@code classifyPrefix} at 32, 64, 128 and 256 characters until a
 *       decision, then {@code classify} of the complete answer when the stream ends (late-refusal check).</li>
 * </ul>
 * There is no second stage (the MiniLM band was measured and not shipped, docs/classifier.md), so this is the cascade.
 * Target: mean <= 1 ms. Run: {@code java -jar benchmarks/target/benchmarks.jar ClassifierCascadeBench}.
 */
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class ClassifierCascadeBench {

    static final int CLASSIFY_TEXT_CHARS = 2048;
    static final int[] CHECKPOINTS = {32, 64, 128, 256};

    private OnnxRefusalClassifier classifier;
    private String[] answers;
    private int next;

    @Setup
    public void setUp() {
        classifier = OnnxRefusalClassifier.loadDefault();
        List<LabeledText> rows = new WrittenCases(20260603L).generate();
        answers = rows.stream().map(LabeledText::text).toArray(String[]::new);
    }

    @TearDown
    public void tearDown() {
        classifier.close();
    }

    private String nextAnswer() {
        String a = answers[next];
        next = next + 1 == answers.length ? 0 : next + 1;
        return a;
    }

    @Benchmark
    public RefusalVerdict fullAnswer() {
        String a = nextAnswer();
        return classifier.classify(a.length() <= CLASSIFY_TEXT_CHARS ? a : a.substring(0, CLASSIFY_TEXT_CHARS));
    }

    @Benchmark
    public RefusalVerdict streamedAnswer() {
        String a = nextAnswer();
        for (int cp : CHECKPOINTS) {
            if (a.length() <= cp) {
                break;
            }
            PrefixVerdict v = classifier.classifyPrefix(a.substring(0, cp), false);
            if (v.decision() != PrefixDecision.UNDECIDED) {
                break;
            }
        }
        return classifier.classify(a.length() <= CLASSIFY_TEXT_CHARS ? a : a.substring(0, CLASSIFY_TEXT_CHARS));
    }
}
