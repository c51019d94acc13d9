package dev.refusalguard.classifier.embed;

import dev.refusalguard.classifier.OnnxRefusalClassifier;
import dev.refusalguard.classifier.RefusalClass;
import dev.refusalguard.classifier.RefusalVerdict;
import dev.refusalguard.classifier.data.LabeledText;
import dev.refusalguard.classifier.data.LabeledTextJsonl;
import dev.refusalguard.classifier.model.LinearModel;
import dev.refusalguard.classifier.model.RefusalModelTrainer;
import dev.refusalguard.classifier.model.SoftmaxRegressionTrainer;
import dev.refusalguard.classifier.model.TemperatureCalibrator;
import dev.refusalguard.classifier.model.TrainerConfig;
import dev.refusalguard.classifier.text.SparseVector;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The MiniLM second-stage experiment behind docs/classifier.md: embeds train and validation with all-MiniLM-L6-v2
 * (128 word pieces), trains a softmax head on the 384-dim embedding with this repository's trainer (balanced classes,
 * fixed seed), calibrates it on validation, then scores the cascade on VALIDATION only: first stage alone, head
 * alone, and the head called only when the shipped first stage's score is in a band (head replaces, or is averaged
 * with, the first stage there). Prints binary refusal F1 overall and per source, the share of texts in the band and
 * the head's measured CPU cost per call. Not shipped: it needs the test-scope MiniLM and tokenizer jars.
 *
 * <p>Run from the repository root (see docs/classifier.md for the class path):
 * {@code java -cp ... dev.refusalguard.classifier.embed.MiniLmCascadeExperiment [classifier/data]}
 */
public final class MiniLmCascadeExperiment {

    private static final Set<RefusalClass> ACT_ON = RefusalVerdict.DEFAULT_ACT_ON;
    private static final double[][] BANDS = {{0.15, 0.85}, {0.25, 0.75}, {0.35, 0.65}};

    private MiniLmCascadeExperiment() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "classifier/data");
        List<LabeledText> train = LabeledTextJsonl.read(data.resolve("train.jsonl"));
        List<LabeledText> validation = LabeledTextJsonl.read(data.resolve("validation.jsonl"));
        try (MiniLmEncoder encoder = MiniLmEncoder.load(128); OnnxRefusalClassifier first = OnnxRefusalClassifier.loadDefault()) {
            AtomicLong cpuNanos = new AtomicLong();
            long start = System.nanoTime();
            List<SparseVector> trainX = embedAll(encoder, train, new AtomicLong());
            List<SparseVector> valX = embedAll(encoder, validation, cpuNanos);
            System.out.printf(Locale.ROOT, "embedded %d + %d texts in %.1f s; MiniLM CPU time per validation text %.2f ms%n",
                    train.size(), validation.size(), (System.nanoTime() - start) / 1e9, cpuNanos.get() / 1e6 / validation.size());
            LinearModel raw = new SoftmaxRegressionTrainer(new TrainerConfig(30, 0.2, 1e-6, true, 20260603L))
                    .train(RefusalModelTrainer.LABELS, MiniLmEncoder.DIMS, trainX, labels(train), null);
            LinearModel head = raw.withTemperature(TemperatureCalibrator.fit(raw, valX, labels(validation)));

            double[] s1 = new double[validation.size()];
            double[] s2 = new double[validation.size()];
            for (int i = 0; i < validation.size(); i++) {
                s1[i] = first.classify(validation.get(i).text()).refusalScore();
                s2[i] = actOnScore(head.probabilities(valX.get(i)));
            }
            print("first stage alone", validation, s1, 0);
            print("MiniLM head alone", validation, s2, 1);
            for (double[] band : BANDS) {
                for (boolean average : new boolean[]{false, true}) {
                    double[] s = new double[s1.length];
                    int inBand = 0;
                    for (int i = 0; i < s.length; i++) {
                        boolean in = s1[i] >= band[0] && s1[i] <= band[1];
                        inBand += in ? 1 : 0;
                        s[i] = !in ? s1[i] : average ? (s1[i] + s2[i]) / 2 : s2[i];
                    }
                    print(String.format(Locale.ROOT, "cascade %.2f..%.2f, head %s", band[0], band[1], average ? "averaged" : "replaces"),
                            validation, s, (double) inBand / s.length);
                }
            }
        }
    }

    private static List<SparseVector> embedAll(MiniLmEncoder encoder, List<LabeledText> rows, AtomicLong cpuNanos) throws Exception {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        int[] dense = new int[MiniLmEncoder.DIMS];
        for (int d = 0; d < dense.length; d++) {
            dense[d] = d;
        }
        SparseVector[] out = new SparseVector[rows.size()];
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                int k = i;
                done.add(pool.submit(() -> {
                    long c0 = bean.getCurrentThreadCpuTime();
                    out[k] = new SparseVector(dense, encoder.embed(rows.get(k).text()));
                    cpuNanos.addAndGet(bean.getCurrentThreadCpuTime() - c0);
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return List.of(out);
    }

    private static int[] labels(List<LabeledText> rows) {
        return rows.stream().mapToInt(r -> r.label().ordinal()).toArray();
    }

    private static double actOnScore(float[] p) {
        double s = 0;
        for (RefusalClass c : ACT_ON) {
            s += p[c.ordinal()];
        }
        return s;
    }

    private static void print(String name, List<LabeledText> rows, double[] score, double share) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-40s share %.3f  F1 %.3f |", name, share, f1(rows, score, null)));
        for (String source : new TreeSet<>(rows.stream().map(LabeledText::source).toList())) {
            sb.append(String.format(Locale.ROOT, " %s %.3f", source, f1(rows, score, source)));
        }
        System.out.println(sb);
    }

    private static double f1(List<LabeledText> rows, double[] score, String source) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (source != null && !source.equals(rows.get(i).source())) {
                continue;
            }
            boolean truth = ACT_ON.contains(rows.get(i).label());
            boolean predicted = score[i] >= 0.5;
            tp += truth && predicted ? 1 : 0;
            fp += !truth && predicted ? 1 : 0;
            fn += truth && !predicted ? 1 : 0;
        }
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }
}
