package dev.refusalguard.classifier.experiment;

import dev.refusalguard.classifier.RefusalClass;
import dev.refusalguard.classifier.data.DatasetCurator;
import dev.refusalguard.classifier.data.LabeledText;
import dev.refusalguard.classifier.data.LabeledTextJsonl;
import dev.refusalguard.classifier.eval.BinaryStats;
import dev.refusalguard.classifier.eval.Evaluation;
import dev.refusalguard.classifier.eval.LanguageGuess;
import dev.refusalguard.classifier.model.LinearModel;
import dev.refusalguard.classifier.model.RefusalModelTrainer;
import dev.refusalguard.classifier.model.TrainerConfig;
import dev.refusalguard.classifier.text.FeaturizerSpec;
import dev.refusalguard.classifier.text.HashedNgramFeaturizer;
import dev.refusalguard.classifier.text.SparseVector;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * EXPERIMENT (test scope, not part of the build's tests): does a small hidden layer over the shipped featurizer's
 * vectors help the complete-answer verdict ("declines X, then does the work" is an AND of opening and closing features,
 * which a linear model cannot express)? Trains, on the same rows as the shipped trainer (each train row complete plus
 * its 32/64/128/256-char prefixes at half weight, balanced classes), a ReLU layer of H units and a softmax over them
 * with AdaGrad, and scores complete answers beside the shipped linear model trained by {@link RefusalModelTrainer}:
 * validation (trained on train) and 5-fold prompt-grouped cross-validation on train (public rows scored), the folds of
 * {@link ModelSelectionExperiment}. Refusal = hard + soft probability >= 0.5. Never reads test.jsonl.
 *
 * <pre>
 * java -cp classifier/target/test-classes:classifier/target/classes:$(cat /tmp/cp.txt) \
 *   dev.refusalguard.classifier.experiment.HiddenLayerExperiment [--hidden H,...] [--epochs N] [--lr X] [--no-cv]
 * </pre>
 */
public final class HiddenLayerExperiment {

    static final Set<RefusalClass> ACT_ON = Set.of(RefusalClass.HARD_REFUSAL, RefusalClass.SOFT_REFUSAL);
    static final int[] PREFIXES = {32, 64, 128, 256};
    static final long SEED = 20260603L;

    public static void main(String[] args) throws Exception {
        Path data = Path.of("classifier/data");
        List<Integer> hidden = List.of(32);
        int epochs = 8;
        double lr = 0.05;
        boolean cv = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--hidden" -> {
                    hidden = new ArrayList<>();
                    for (String h : args[++i].split(",")) {
                        hidden.add(Integer.parseInt(h));
                    }
                }
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--lr" -> lr = Double.parseDouble(args[++i]);
                case "--no-cv" -> cv = false;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        List<LabeledText> train = LabeledTextJsonl.read(data.resolve("train.jsonl"));
        List<LabeledText> validation = LabeledTextJsonl.read(data.resolve("validation.jsonl"));
        FeaturizerSpec spec = FeaturizerSpec.refusalDefault();
        HashedNgramFeaturizer f = new HashedNgramFeaturizer(spec);

        List<String> names = new ArrayList<>();
        List<Function<List<LabeledText>, Function<String, float[]>>> makers = new ArrayList<>();
        names.add("linear (shipped trainer)");
        makers.add(rows -> {
            RefusalModelTrainer t = new RefusalModelTrainer(spec, TrainerConfig.defaults(SEED), new PrintStream(OutputStream.nullOutputStream()));
            LinearModel m = t.fit(rows, validation).model();
            return text -> m.probabilities(f.featurize(text, true));
        });
        for (int h : hidden) {
            int units = h;
            int ep = epochs;
            double rate = lr;
            names.add("hidden " + h + " ReLU, " + epochs + " epochs, lr " + lr);
            makers.add(rows -> {
                Mlp m = Mlp.train(rows, f, spec.dims(), units, ep, rate, SEED);
                return text -> m.probabilities(f.featurize(text, true));
            });
        }
        for (int v = 0; v < names.size(); v++) {
            System.out.println("== " + names.get(v));
            long start = System.nanoTime();
            Metrics val = new Metrics();
            val.add(makers.get(v).apply(train), validation);
            System.out.print(val.line("validation"));
            if (cv) {
                Metrics all = new Metrics();
                for (int k = 0; k < ModelSelectionExperiment.FOLDS; k++) {
                    List<LabeledText> in = new ArrayList<>();
                    List<LabeledText> out = new ArrayList<>();
                    for (LabeledText r : train) {
                        (ModelSelectionExperiment.fold(r) == k ? out : in).add(r);
                    }
                    List<LabeledText> scored = out.stream().filter(r -> !r.source().equals(DatasetCurator.WRITTEN_SOURCE)).toList();
                    all.add(makers.get(v).apply(in), scored);
                }
                System.out.print(all.line("cv5 public"));
            }
            System.out.printf(Locale.ROOT, "(%.0f s)%n", (System.nanoTime() - start) / 1e9);
        }
    }

    /** Binary figures of complete-answer verdicts. */
    static final class Metrics {
        final BinaryStats binary = new BinaryStats();
        final Map<String, BinaryStats> bySource = new TreeMap<>();
        final BinaryStats kept = new BinaryStats();
        final BinaryStats nonEnglish = new BinaryStats();

        void add(Function<String, float[]> model, List<LabeledText> rows) {
            for (LabeledText r : rows) {
                float[] p = model.apply(r.text());
                double s = 0;
                for (RefusalClass k : ACT_ON) {
                    s += p[k.ordinal()];
                }
                boolean predicted = s >= 0.5;
                boolean actual = ACT_ON.contains(r.label());
                binary.add(actual, predicted);
                bySource.computeIfAbsent(r.source(), x -> new BinaryStats()).add(actual, predicted);
                if (r.label() == RefusalClass.COMPLIANCE && Evaluation.TRIGGER_WORDS.matcher(r.text()).find()) {
                    kept.add(false, predicted);
                }
                String lang = LanguageGuess.of(r.text());
                if (!lang.equals("en") && !lang.equals("other")) {
                    nonEnglish.add(actual, predicted);
                }
            }
        }

        String line(String title) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                    "%s: F1 %.4f (P %.3f R %.3f) kept %.4f (n=%d) nonEN-R %.3f (n=%d)%n", title, binary.f1(), binary.precision(),
                    binary.recall(), kept.specificity(), kept.total(), nonEnglish.recall(), nonEnglish.positives()));
            bySource.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "   %-30s F1 %.3f P %.3f R %.3f (n=%d, pos=%d)%n", k,
                    v.f1(), v.precision(), v.recall(), v.total(), v.positives())));
            return sb.toString();
        }
    }

    /** Sparse input -> ReLU(W1 x + b1) -> softmax(W2 h + b2), trained with per-example AdaGrad. */
    static final class Mlp {
        static final int C = RefusalClass.values().length;
        final int h;
        final float[] w1;
        final float[] b1;
        final float[] w2;
        final float[] b2;

        Mlp(int dims, int h, long seed) {
            this.h = h;
            Random rnd = new Random(seed);
            w1 = new float[dims * h];
            for (int i = 0; i < w1.length; i++) {
                w1[i] = (float) (rnd.nextGaussian() * 0.1);
            }
            b1 = new float[h];
            java.util.Arrays.fill(b1, 0.01f);
            w2 = new float[h * C];
            for (int i = 0; i < w2.length; i++) {
                w2[i] = (float) (rnd.nextGaussian() * Math.sqrt(2.0 / h));
            }
            b2 = new float[C];
        }

        float[] hiddenPre(SparseVector v) {
            float[] z = b1.clone();
            int[] idx = v.indices();
            float[] val = v.values();
            for (int i = 0; i < idx.length; i++) {
                int row = idx[i] * h;
                for (int j = 0; j < h; j++) {
                    z[j] += w1[row + j] * val[i];
                }
            }
            return z;
        }

        float[] probabilities(SparseVector v) {
            float[] z = hiddenPre(v);
            float[] logits = b2.clone();
            for (int j = 0; j < h; j++) {
                float a = Math.max(0, z[j]);
                for (int k = 0; k < C; k++) {
                    logits[k] += a * w2[j * C + k];
                }
            }
            return LinearModel.softmax(logits, 1f);
        }

        static Mlp train(List<LabeledText> rows, HashedNgramFeaturizer f, int dims, int h, int epochs, double learningRate, long seed) {
            List<String> texts = new ArrayList<>();
            List<Boolean> complete = new ArrayList<>();
            List<Integer> ys = new ArrayList<>();
            List<Float> ws = new ArrayList<>();
            for (LabeledText r : rows) {
                texts.add(r.text());
                complete.add(true);
                ys.add(r.label().ordinal());
                ws.add(1f);
                String opening = r.text().length() > 512 ? r.text().substring(0, 512) : r.text();
                for (int p : PREFIXES) {
                    if (opening.length() > p + 8) {
                        texts.add(opening.substring(0, p));
                        complete.add(false);
                        ys.add(r.label().ordinal());
                        ws.add(0.5f);
                    }
                }
            }
            int n = texts.size();
            List<SparseVector> x = new AbstractList<>() {
                @Override
                public SparseVector get(int i) {
                    return f.featurize(texts.get(i), complete.get(i));
                }

                @Override
                public int size() {
                    return n;
                }
            };
            double[] count = new double[C];
            for (int i = 0; i < n; i++) {
                count[ys.get(i)] += ws.get(i);
            }
            double total = 0;
            for (double c : count) {
                total += c;
            }
            double[] classWeight = new double[C];
            for (int k = 0; k < C; k++) {
                classWeight[k] = count[k] > 0 ? total / (C * count[k]) : 0;
            }
            Mlp m = new Mlp(dims, h, seed);
            float[] g1 = new float[m.w1.length];
            float[] gb1 = new float[h];
            float[] g2 = new float[m.w2.length];
            float[] gb2 = new float[C];
            float lr = (float) learningRate;
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Random rnd = new Random(seed + 1);
            float[] a = new float[h];
            float[] dz = new float[h];
            float[] dl = new float[C];
            for (int epoch = 0; epoch < epochs; epoch++) {
                for (int i = n - 1; i > 0; i--) {
                    int j = rnd.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
                for (int ex : order) {
                    SparseVector v = x.get(ex);
                    float[] z = m.hiddenPre(v);
                    float[] logits = m.b2.clone();
                    for (int j = 0; j < h; j++) {
                        a[j] = Math.max(0, z[j]);
                        for (int k = 0; k < C; k++) {
                            logits[k] += a[j] * m.w2[j * C + k];
                        }
                    }
                    float[] p = LinearModel.softmax(logits, 1f);
                    float scale = (float) (classWeight[ys.get(ex)] * ws.get(ex));
                    for (int k = 0; k < C; k++) {
                        dl[k] = (p[k] - (k == ys.get(ex) ? 1f : 0f)) * scale;
                    }
                    for (int j = 0; j < h; j++) {
                        float da = 0;
                        for (int k = 0; k < C; k++) {
                            da += dl[k] * m.w2[j * C + k];
                        }
                        dz[j] = z[j] > 0 ? da : 0;
                    }
                    for (int j = 0; j < h; j++) {
                        for (int k = 0; k < C; k++) {
                            int q = j * C + k;
                            float g = a[j] * dl[k];
                            g2[q] += g * g;
                            m.w2[q] -= lr * g / (float) Math.sqrt(g2[q] + 1e-8f);
                        }
                    }
                    for (int k = 0; k < C; k++) {
                        gb2[k] += dl[k] * dl[k];
                        m.b2[k] -= lr * dl[k] / (float) Math.sqrt(gb2[k] + 1e-8f);
                    }
                    for (int j = 0; j < h; j++) {
                        gb1[j] += dz[j] * dz[j];
                        m.b1[j] -= lr * dz[j] / (float) Math.sqrt(gb1[j] + 1e-8f);
                    }
                    int[] idx = v.indices();
                    float[] val = v.values();
                    for (int i = 0; i < idx.length; i++) {
                        int row = idx[i] * h;
                        for (int j = 0; j < h; j++) {
                            float g = dz[j] * val[i];
                            if (g != 0) {
                                g1[row + j] += g * g;
                                m.w1[row + j] -= lr * g / (float) Math.sqrt(g1[row + j] + 1e-8f);
                            }
                        }
                    }
                }
            }
            return m;
        }
    }
}
