package dev.refusalguard.classifier.experiment;

import dev.refusalguard.classifier.ClassifierConfig;
import dev.refusalguard.classifier.OnnxRefusalClassifier;
import dev.refusalguard.classifier.RefusalClass;
import dev.refusalguard.classifier.data.DatasetCurator;
import dev.refusalguard.classifier.data.LabeledText;
import dev.refusalguard.classifier.data.LabeledTextJsonl;
import dev.refusalguard.classifier.eval.BinaryStats;
import dev.refusalguard.classifier.eval.Evaluation;
import dev.refusalguard.classifier.eval.PhraseListBaseline;
import dev.refusalguard.classifier.model.OnnxTextModel;
import dev.refusalguard.classifier.model.RefusalModelTrainer;
import dev.refusalguard.classifier.model.TrainerConfig;
import dev.refusalguard.classifier.text.FeaturizerSpec;
import dev.refusalguard.classifier.text.Murmur3;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * EXPERIMENT (test scope, not part of the build's tests): model selection without the test split. For each variant
 * of the featurizer, trains on train (calibrated and tuned on validation) and scores validation, then runs 5-fold
 * cross-validation on train grouped by prompt (each fold trained on the other four, calibrated on validation) and
 * scores the held-out fold's public rows (written rows share fragments across prompts, so they are left out).
 * Never reads test.jsonl.
 *
 * <pre>
 * java -cp classifier/target/test-classes:classifier/target/classes:$(cat /tmp/cp.txt) \
 *   dev.refusalguard.classifier.experiment.ModelSelectionExperiment [--data DIR] [--no-cv] [--errors]
 *   [--errors-source SOURCE] [--thresholds T1,T2,...] VARIANT...
 * </pre>
 * A variant is {@code v1} (opening only, the shipped spec before whole-answer features) or
 * {@code tail=N,weight=W} (whole-answer block over the last N chars with L2 norm W), optionally followed by trainer and
 * data keys: {@code lr=}, {@code l2=}, {@code epochs=}, {@code balance=true|false}, {@code seed=} (the trainer's example
 * order), {@code prefixw=} (weight of the prefix copies), {@code sw.SOURCE=} (a source's weight); unnamed keys keep the
 * shipped settings. {@code --thresholds} also scores each fitted model at those full-text refusal thresholds (the
 * prefix thresholds widened to stay valid), without retraining.
 */
public final class ModelSelectionExperiment {

    static final int FOLDS = 5;

    public static void main(String[] args) throws Exception {
        Path data = Path.of("classifier/data");
        boolean cv = true;
        boolean errors = false;
        String errorSource = null;
        List<String> variants = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--no-cv" -> cv = false;
                case "--errors" -> errors = true;
                case "--thresholds" -> {
                    thresholds = new ArrayList<>();
                    for (String t : args[++i].split(",")) {
                        thresholds.add(Double.parseDouble(t));
                    }
                }
                case "--errors-source" -> {
                    errors = true;
                    errorSource = args[++i];
                }
                default -> variants.add(args[i]);
            }
        }
        errorSourceFilter = errorSource;
        List<LabeledText> train = LabeledTextJsonl.read(data.resolve("train.jsonl"));
        List<LabeledText> validation = LabeledTextJsonl.read(data.resolve("validation.jsonl"));
        for (String v : variants) {
            FeaturizerSpec spec = spec(v);
            TrainerConfig tc = trainerConfig(v);
            RefusalModelTrainer.Options opts = options(v);
            System.out.println("== variant " + v + ": " + spec + " " + tc + " " + opts);
            RefusalModelTrainer.Fitted f = trainer(spec, tc, opts).fit(train, validation);
            Summary val = new Summary();
            val.add(evaluate(f, validation, errors ? "validation " + v : null));
            System.out.println(val.line("validation"));
            for (double t : thresholds) {
                Summary s = new Summary();
                s.add(evaluate(at(f, t), validation, null));
                System.out.print(s.line("validation @" + t));
            }
            if (cv) {
                Summary all = new Summary();
                List<Summary> byThreshold = new ArrayList<>();
                thresholds.forEach(t -> byThreshold.add(new Summary()));
                for (int k = 0; k < FOLDS; k++) {
                    List<LabeledText> in = new ArrayList<>();
                    List<LabeledText> out = new ArrayList<>();
                    for (LabeledText r : train) {
                        (fold(r) == k ? out : in).add(r);
                    }
                    List<LabeledText> scored = out.stream().filter(r -> !r.source().equals(DatasetCurator.WRITTEN_SOURCE)).toList();
                    RefusalModelTrainer.Fitted fk = trainer(spec, tc, opts).fit(in, validation);
                    all.add(evaluate(fk, scored, errors ? "cv fold " + k + " " + v : null));
                    for (int t = 0; t < thresholds.size(); t++) {
                        byThreshold.get(t).add(evaluate(at(fk, thresholds.get(t)), scored, null));
                    }
                }
                System.out.println(all.line("cv5 public"));
                for (int t = 0; t < thresholds.size(); t++) {
                    System.out.print(byThreshold.get(t).line("cv5 public @" + thresholds.get(t)));
                }
            }
        }
    }

    static int fold(LabeledText r) {
        return Math.floorMod(Murmur3.hashChars(r.promptId(), 99), FOLDS);
    }

    static List<Double> thresholds = List.of();

    static RefusalModelTrainer trainer(FeaturizerSpec spec, TrainerConfig tc, RefusalModelTrainer.Options opts) {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        return new RefusalModelTrainer(spec, tc, opts, quiet);
    }

    /** The same fitted model with another full-text refusal threshold (prefix thresholds widened to stay valid). */
    static RefusalModelTrainer.Fitted at(RefusalModelTrainer.Fitted f, double threshold) {
        ClassifierConfig c = f.config();
        ClassifierConfig moved = new ClassifierConfig(c.actOn(), threshold, Math.max(threshold, c.prefixRefusalAbove()),
                Math.min(threshold, c.prefixNotRefusalBelow()), c.prefixMinChars(), c.maxChars());
        return new RefusalModelTrainer.Fitted(f.model(), moved, f.choice(), f.temperature(), f.onnx());
    }

    /** Trainer keys of a variant: lr=, l2=, epochs= (others at the shipped defaults). */
    static TrainerConfig trainerConfig(String v) {
        TrainerConfig d = TrainerConfig.defaults(20260603L);
        int epochs = d.epochs();
        double lr = d.learningRate();
        double l2 = d.l2();
        boolean balance = d.balanceClasses();
        long seed = d.seed();
        for (String kv : v.split(",")) {
            String[] p = kv.split("=");
            switch (p[0]) {
                case "lr" -> lr = Double.parseDouble(p[1]);
                case "l2" -> l2 = Double.parseDouble(p[1]);
                case "epochs" -> epochs = Integer.parseInt(p[1]);
                case "balance" -> balance = Boolean.parseBoolean(p[1]);
                case "seed" -> seed = Long.parseLong(p[1]);
                default -> { }
            }
        }
        return new TrainerConfig(epochs, lr, l2, balance, seed);
    }

    /** Data weighting keys of a variant: prefixw=W, sw.SOURCE=W (source weight). */
    static RefusalModelTrainer.Options options(String v) {
        float prefixWeight = RefusalModelTrainer.Options.defaults().prefixWeight();
        Map<String, Float> sw = new TreeMap<>();
        for (String kv : v.split(",")) {
            String[] p = kv.split("=");
            if (p[0].equals("prefixw")) {
                prefixWeight = Float.parseFloat(p[1]);
            } else if (p[0].startsWith("sw.")) {
                sw.put(p[0].substring(3), Float.parseFloat(p[1]));
            }
        }
        return new RefusalModelTrainer.Options(prefixWeight, sw);
    }

    static FeaturizerSpec spec(String v) {
        FeaturizerSpec d = FeaturizerSpec.refusalDefault();
        if (v.equals("v1")) {
            return new FeaturizerSpec(d.dims(), d.maxChars(), d.charMinN(), d.charMaxN(), d.charMaxChars(), d.openingWords(), d.seed());
        }
        int tail = 0;
        float weight = 1f;
        for (String kv : v.split(",")) {
            String[] p = kv.split("=");
            switch (p[0]) {
                case "tail" -> tail = Integer.parseInt(p[1]);
                case "weight" -> weight = Float.parseFloat(p[1]);
                case "lr", "l2", "epochs", "prefixw", "balance", "seed" -> { }
                default -> {
                    if (!p[0].startsWith("sw.")) {
                        throw new IllegalArgumentException("unknown variant key " + p[0]);
                    }
                }
            }
        }
        return new FeaturizerSpec(d.dims(), d.maxChars(), d.charMinN(), d.charMaxN(), d.charMaxChars(), d.openingWords(), d.seed(),
                tail, weight);
    }

    static String errorSourceFilter;

    static Evaluation evaluate(RefusalModelTrainer.Fitted f, List<LabeledText> rows, String errorsTitle) {
        try (OnnxRefusalClassifier c = new OnnxRefusalClassifier(OnnxTextModel.load(f.onnx(), 1), f.config())) {
            if (errorsTitle != null) {
                System.out.println("-- binary errors, " + errorsTitle);
                for (LabeledText r : rows) {
                    boolean actual = f.config().actOn().contains(r.label());
                    var verdict = c.classify(r.text());
                    if (verdict.refusal() != actual && (errorSourceFilter == null || errorSourceFilter.equals(r.source()))) {
                        System.out.printf(Locale.ROOT, "%s\t%s\t%.2f\t%s%n", r.source(), r.label().wireName(), verdict.refusalScore(),
                                r.text().replace('\n', ' ').substring(0, Math.min(220, r.text().length())));
                    }
                }
            }
            return new Evaluation(rows, c, new PhraseListBaseline(), f.config().actOn());
        }
    }

    /** Pooled figures over one or more evaluations. */
    static final class Summary {
        final BinaryStats binary = new BinaryStats();
        final Map<String, BinaryStats> bySource = new TreeMap<>();
        final BinaryStats trigger = new BinaryStats();
        final BinaryStats nonEnglish = new BinaryStats();
        long by64;
        long compliant;
        long recallHits;
        long refusals;
        long partialHit;
        long partial;

        void add(Evaluation e) {
            Evaluation.Result m = e.model();
            binary.addAll(m.binary);
            m.bySource.forEach((k, v) -> bySource.computeIfAbsent(k, x -> new BinaryStats()).addAll(v));
            trigger.addAll(m.triggerCompliant);
            nonEnglish.addAll(m.nonEnglish());
            by64 += m.compliantNotRefusalBy64;
            compliant += m.compliantTotal;
            recallHits += m.refusalsDecidedRefusal;
            refusals += m.refusalsTotal;
            int pi = RefusalClass.PARTIAL_REFUSAL.ordinal();
            partialHit += m.confusion[pi][pi];
            for (int p = 0; p < 4; p++) {
                partial += m.confusion[pi][p];
            }
        }

        String line(String title) {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "%s: F1 %.4f (P %.3f R %.3f) trigger-kept %.4f (n=%d) nonEN-R %.3f (n=%d) by64 %.3f recall@dec %.3f partial-R %.3f%n",
                    title, binary.f1(), binary.precision(), binary.recall(), trigger.specificity(), trigger.total(), nonEnglish.recall(),
                    nonEnglish.positives(), (double) by64 / compliant, (double) recallHits / refusals, (double) partialHit / Math.max(1, partial)));
            bySource.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "   %-30s F1 %.3f P %.3f R %.3f (n=%d, pos=%d)%n", k, v.f1(),
                    v.precision(), v.recall(), v.total(), v.positives())));
            return sb.toString();
        }
    }
}
