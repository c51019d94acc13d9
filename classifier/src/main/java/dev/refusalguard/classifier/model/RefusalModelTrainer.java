package dev.refusalguard.classifier.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refusalguard.classifier.ClassifierConfig;
import dev.refusalguard.classifier.OnnxRefusalClassifier;
import dev.refusalguard.classifier.RefusalClass;
import dev.refusalguard.classifier.RefusalVerdict;
import dev.refusalguard.classifier.data.LabeledText;
import dev.refusalguard.classifier.data.LabeledTextJsonl;
import dev.refusalguard.classifier.eval.Evaluation;
import dev.refusalguard.classifier.eval.PhraseListBaseline;
import dev.refusalguard.classifier.text.FeaturizerSpec;
import dev.refusalguard.classifier.text.HashedNgramFeaturizer;
import dev.refusalguard.classifier.text.SparseVector;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Trains the refusal model from the repository data: featurises train rows (each as a complete answer, plus its
 * 32/64/128/256-char prefixes as unfinished ones at half weight, so streaming prefixes are in-distribution), fits the softmax regression, calibrates the
 * temperature on validation, tunes the streaming thresholds on validation, and writes the ONNX model, its JSON
 * sidecar and the training report (test split evaluated beside the phrase-list baseline).
 */
public final class RefusalModelTrainer {

    public static final List<String> LABELS = Arrays.stream(RefusalClass.values()).map(RefusalClass::wireName).toList();
    static final int[] AUGMENT_PREFIXES = {32, 64, 128, 256};
    /** Streaming floor (issue 3 target): refusal recall at decision, as the Wilson lower bound on validation. */
    static final double STREAMING_MIN_RECALL = 0.93;

    /**
     * Data weighting of a training run.
     *
     * @param prefixWeight  weight of each 32/64/128/256-char prefix copy of a train row (the row itself weighs 1)
     * @param sourceWeights weight multiplier per source (missing sources weigh 1)
     */
    public record Options(float prefixWeight, Map<String, Float> sourceWeights) {
        public Options {
            if (!(prefixWeight >= 0)) {
                throw new IllegalArgumentException("prefixWeight must be >= 0: " + prefixWeight);
            }
            sourceWeights = Map.copyOf(sourceWeights);
        }

        public static Options defaults() {
            return new Options(0.5f, Map.of());
        }
    }

    private final FeaturizerSpec spec;
    private final TrainerConfig trainerConfig;
    private final Options options;
    private final PrintStream log;

    public RefusalModelTrainer(FeaturizerSpec spec, TrainerConfig trainerConfig, PrintStream log) {
        this(spec, trainerConfig, Options.defaults(), log);
    }

    public RefusalModelTrainer(FeaturizerSpec spec, TrainerConfig trainerConfig, Options options, PrintStream log) {
        this.spec = spec;
        this.trainerConfig = trainerConfig;
        this.options = options;
        this.log = log;
    }

    /** Output of a training run. */
    public record Trained(LinearModel model, ClassifierConfig config, byte[] onnx, String metadataJson, String report) {
    }

    public Trained train(Path dataDir, String command) throws IOException {
        List<LabeledText> train = LabeledTextJsonl.read(dataDir.resolve("train.jsonl"));
        List<LabeledText> validation = LabeledTextJsonl.read(dataDir.resolve("validation.jsonl"));
        List<LabeledText> test = LabeledTextJsonl.read(dataDir.resolve("test.jsonl"));
        return train(train, validation, test, command);
    }

    /** A model fitted on train and calibrated and tuned on validation, before any test-split evaluation. */
    public record Fitted(LinearModel model, ClassifierConfig config, PrefixThresholdTuner.Choice choice, float temperature,
                         byte[] onnx) {
    }

    public Trained train(List<LabeledText> train, List<LabeledText> validation, List<LabeledText> test, String command) {
        Fitted fitted = fit(train, validation);
        String report;
        try (OnnxRefusalClassifier classifier = new OnnxRefusalClassifier(OnnxTextModel.load(fitted.onnx(), 1), fitted.config())) {
            Evaluation testEval = new Evaluation(test, classifier, new PhraseListBaseline(), fitted.config().actOn());
            Evaluation valEval = new Evaluation(validation, classifier, new PhraseListBaseline(), fitted.config().actOn());
            report = report(train, validation, test, fitted.temperature(), fitted.config(), fitted.choice(), command, testEval, valEval);
        }
        return new Trained(fitted.model(), fitted.config(), fitted.onnx(), metadataJson(fitted.config(), fitted.temperature(), train.size()), report);
    }

    /**
     * Fits the model on {@code train} (each row as a complete text, plus its 32/64/128/256-char prefixes as unfinished
     * ones), calibrates the temperature and tunes the streaming thresholds on {@code validation}. Reads no test data.
     */
    public Fitted fit(List<LabeledText> train, List<LabeledText> validation) {
        HashedNgramFeaturizer featurizer = new HashedNgramFeaturizer(spec);
        List<String> texts = new ArrayList<>();
        List<Boolean> complete = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        List<Float> ws = new ArrayList<>();
        for (LabeledText row : train) {
            String t = row.text();
            float sw = options.sourceWeights().getOrDefault(row.source(), 1f);
            texts.add(complete(t));
            complete.add(true);
            ys.add(row.label().ordinal());
            ws.add(sw);
            String opening = window(t);
            for (int p : AUGMENT_PREFIXES) {
                if (opening.length() > p + 8 && options.prefixWeight() > 0) {
                    texts.add(opening.substring(0, p));
                    complete.add(false);
                    ys.add(row.label().ordinal());
                    ws.add(sw * options.prefixWeight());
                }
            }
        }
        int[] y = ys.stream().mapToInt(Integer::intValue).toArray();
        float[] w = new float[ws.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = ws.get(i);
        }
        // Featurised lazily each epoch: deterministic, and ~50x less memory than caching every vector.
        List<SparseVector> x = new AbstractList<>() {
            @Override
            public SparseVector get(int index) {
                return featurizer.featurize(texts.get(index), complete.get(index));
            }

            @Override
            public int size() {
                return texts.size();
            }
        };
        long start = System.nanoTime();
        LinearModel raw = new SoftmaxRegressionTrainer(trainerConfig).train(LABELS, spec.dims(), x, y, w);
        log.printf(Locale.ROOT, "trained on %d examples (%d rows + prefixes) in %.1f s%n", texts.size(), train.size(),
                (System.nanoTime() - start) / 1e9);

        List<SparseVector> vx = new ArrayList<>();
        int[] vy = new int[validation.size()];
        for (int i = 0; i < validation.size(); i++) {
            vx.add(featurizer.featurize(complete(validation.get(i).text()), true));
            vy[i] = validation.get(i).label().ordinal();
        }
        float temperature = TemperatureCalibrator.fit(raw, vx, vy);
        LinearModel model = raw.withTemperature(temperature);
        log.printf(Locale.ROOT, "temperature %.3f (validation NLL %.4f -> %.4f)%n", temperature,
                TemperatureCalibrator.nll(logitsOf(raw, vx), vy, 1f), TemperatureCalibrator.nll(logitsOf(raw, vx), vy, temperature));

        ClassifierConfig base = ClassifierConfig.defaults();
        PrefixThresholdTuner.Choice choice = PrefixThresholdTuner.tune(prefixSamples(model, featurizer, validation, base),
                base.refusalThreshold(), STREAMING_MIN_RECALL, 0.02);
        ClassifierConfig tuned = base.withPrefixThresholds(round(choice.refusalAbove()), round(choice.notRefusalBelow()), base.prefixMinChars());
        log.printf(Locale.ROOT, "prefix thresholds: refusal above %.3f, not-refusal below %.3f (validation: %.3f compliant decided by 64, recall at decision %.3f, false stops %.3f)%n",
                tuned.prefixRefusalAbove(), tuned.prefixNotRefusalBelow(), choice.compliantBy64(), choice.recallAtDecision(), choice.falseStop());

        Map<String, String> meta = new LinkedHashMap<>(spec.toMetadata());
        meta.put("model", "refusal");
        meta.put("train.seed", Long.toString(trainerConfig.seed()));
        byte[] onnx = OnnxLinearModelWriter.toBytes(model, meta);
        return new Fitted(model, tuned, choice, temperature, onnx);
    }

    /** What the model reads of a complete text: the opening window, or all of it with whole-answer features. */
    private String complete(String text) {
        return spec.wholeAnswer() ? text : window(text);
    }

    private String window(String text) {
        return text.length() > spec.maxChars() ? text.substring(0, spec.maxChars()) : text;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static float[][] logitsOf(LinearModel m, List<SparseVector> x) {
        float[][] out = new float[x.size()][];
        for (int i = 0; i < x.size(); i++) {
            out[i] = m.logits(x.get(i));
        }
        return out;
    }

    private List<PrefixThresholdTuner.Sample> prefixSamples(LinearModel model, HashedNgramFeaturizer f, List<LabeledText> rows,
                                                            ClassifierConfig cfg) {
        List<PrefixThresholdTuner.Sample> out = new ArrayList<>();
        int[] cp = PrefixThresholdTuner.CHECKPOINTS;
        for (LabeledText row : rows) {
            double[] scores = new double[cp.length];
            boolean[] complete = new boolean[cp.length];
            for (int i = 0; i < cp.length; i++) {
                complete[i] = row.text().length() <= cp[i];
                String prefix = complete[i] ? row.text() : row.text().substring(0, cp[i]);
                if (!complete[i] && prefix.strip().length() < cfg.prefixMinChars()) {
                    scores[i] = Double.NaN;
                    continue;
                }
                float[] p = model.probabilities(f.featurize(complete[i] ? complete(prefix) : window(prefix), complete[i]));
                double s = 0;
                for (RefusalClass k : cfg.actOn()) {
                    s += p[k.ordinal()];
                }
                scores[i] = s;
            }
            out.add(new PrefixThresholdTuner.Sample(scores, complete, cfg.actOn().contains(row.label()),
                    row.label() == RefusalClass.COMPLIANCE));
        }
        return out;
    }

    private String metadataJson(ClassifierConfig cfg, float temperature, int trainRows) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("model", "refusal-model.onnx");
        ArrayNode labels = root.putArray("labels");
        LABELS.forEach(labels::add);
        ObjectNode f = root.putObject("featurizer");
        spec.toMetadata().forEach(f::put);
        root.put("temperature", temperature);
        root.put("seed", trainerConfig.seed());
        root.put("trainRows", trainRows);
        ObjectNode t = root.putObject("recommendedConfig");
        ArrayNode act = t.putArray("actOn");
        cfg.actOn().stream().sorted().forEach(k -> act.add(k.wireName()));
        t.put("refusalThreshold", cfg.refusalThreshold());
        t.put("prefixRefusalAbove", cfg.prefixRefusalAbove());
        t.put("prefixNotRefusalBelow", cfg.prefixNotRefusalBelow());
        t.put("prefixMinChars", cfg.prefixMinChars());
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String report(List<LabeledText> train, List<LabeledText> validation, List<LabeledText> test, float temperature,
                          ClassifierConfig cfg, PrefixThresholdTuner.Choice choice, String command, Evaluation testEval,
                          Evaluation valEval) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Refusal model training report\n\n");
        sb.append("Generated by `").append(command).append("` (deterministic: the same data and seed give the same bytes).\n\n");
        sb.append("- Model: multinomial logistic regression over hashed n-grams, ONNX (sparse input -> SparseToDenseMatMul -> Add -> Softmax), run with ONNX Runtime.\n");
        sb.append(String.format(Locale.ROOT, "- Featurizer: %d buckets, first %d chars; word uni/bi-grams, first %d words position-tagged, char %d-%d-grams of the first %d chars; MurmurHash3 seed %d.%n",
                spec.dims(), spec.maxChars(), spec.openingWords(), spec.charMinN(), spec.charMaxN(), spec.charMaxChars(), spec.seed()));
        if (spec.wholeAnswer()) {
            sb.append(String.format(Locale.ROOT, "- Whole-answer block (complete answers only; stream prefixes get the opening block alone): word uni/bi-grams of the last %d chars and answer shape (length, lines, list items, code fence), L2 norm %.2f beside the opening's 1.%n",
                    spec.tailChars(), spec.tailWeight()));
        }
        sb.append(String.format(Locale.ROOT, "- Trainer: AdaGrad, %d epochs, learning rate %.3f, L2 %.1e, balanced classes, seed %d; each train row also as 32/64/128/256-char prefixes at weight %.2f.%n",
                trainerConfig.epochs(), trainerConfig.learningRate(), trainerConfig.l2(), trainerConfig.seed(), options.prefixWeight()));
        if (!options.sourceWeights().isEmpty()) {
            sb.append("- Source weights: ").append(new TreeMap<>(options.sourceWeights())).append("\n");
        }
        sb.append(String.format(Locale.ROOT, "- Calibration: temperature %.3f fitted on validation (NLL).%n", temperature));
        sb.append(String.format(Locale.ROOT, "- Streaming thresholds tuned on validation (most compliant answers decided by 64 chars with the one-sided 95%% Wilson lower bound of refusal recall at decision >= %.2f and false stops <= 0.02): refusal when score >= %.3f, not refusal when score <= %.3f, min %d chars (validation: %.3f of compliant decided by 64 chars, refusal recall at decision %.3f, false stops %.3f).%n%n",
                STREAMING_MIN_RECALL, cfg.prefixRefusalAbove(), cfg.prefixNotRefusalBelow(), cfg.prefixMinChars(), choice.compliantBy64(), choice.recallAtDecision(), choice.falseStop()));
        sb.append("Reading the figures: refusal rows of gptfuzz-labeled, jbb-artifacts, coconot and part of refusal-direction-completions were ")
                .append("selected with an explicit refusal cue (their own labels mean \"jailbroken\" or are automatic; see NOTICE), so the ")
                .append("phrase-list baseline is near-perfect there by construction. The informative sources are chatgpt-refusals ")
                .append("(human labels, many ambiguous \"As an AI language model, I cannot ... However ...\" answers) and refusalbench-bio ")
                .append("(LLM-council labels, few textual refusals). Written cases share fragments across prompts, so their figures are optimistic.\n\n");
        sb.append("## Data (classifier/data, see NOTICE)\n\n| source | label | train | validation | test |\n|---|---|---|---|---|\n");
        Map<String, long[]> counts = new TreeMap<>();
        count(counts, train, 0);
        count(counts, validation, 1);
        count(counts, test, 2);
        counts.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %d |%n", k.replace("\t", " | "), v[0], v[1], v[2])));
        sb.append(String.format(Locale.ROOT, "| **total** | | %d | %d | %d |%n%n", train.size(), validation.size(), test.size()));
        sb.append(testEval.toMarkdown("Held-out test split"));
        sb.append(valEval.toMarkdown("Validation split (used for calibration and thresholds)"));
        return sb.toString();
    }

    private static void count(Map<String, long[]> counts, List<LabeledText> rows, int col) {
        for (LabeledText r : rows) {
            counts.computeIfAbsent(r.source() + "\t" + r.label().wireName(), k -> new long[3])[col]++;
        }
    }

    /** Writes model, sidecar and report. */
    public static void writeOutputs(Trained t, Path modelDir, Path reportFile) throws IOException {
        Files.createDirectories(modelDir);
        Files.write(modelDir.resolve("refusal-model.onnx"), t.onnx());
        Files.writeString(modelDir.resolve("refusal-model.json"), t.metadataJson(), StandardCharsets.UTF_8);
        Path parent = reportFile.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(reportFile, t.report(), StandardCharsets.UTF_8);
    }

    /** Convenience for a verdict straight from the Java model (no ONNX), used by tests. */
    public static RefusalVerdict javaVerdict(LinearModel m, HashedNgramFeaturizer f, String text, ClassifierConfig cfg) {
        float[] p = m.probabilities(f.featurize(text));
        double s = 0;
        for (RefusalClass k : cfg.actOn()) {
            s += p[k.ordinal()];
        }
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return new RefusalVerdict(RefusalClass.values()[best], Math.min(1, s), s >= cfg.refusalThreshold());
    }
}
