package dev.refusalguard.classifier.cli;

import dev.refusalguard.classifier.ClassifierConfig;
import dev.refusalguard.classifier.OnnxRefusalClassifier;
import dev.refusalguard.classifier.RefusalClass;
import dev.refusalguard.classifier.RefusalVerdict;
import dev.refusalguard.classifier.data.LabeledText;
import dev.refusalguard.classifier.data.LabeledTextJsonl;
import dev.refusalguard.classifier.eval.Evaluation;
import dev.refusalguard.classifier.eval.PhraseListBaseline;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code eval --input FILE.jsonl [--model FILE.onnx] [--act-on hard_refusal,soft_refusal] [--errors N]}: measures
 * the classifier on labelled JSON Lines ({"text","label"} plus optional "source") beside the phrase-list baseline and
 * prints a Markdown report: confusion matrix, per-class and binary precision/recall/F1, per source, per language, on
 * compliant answers with refusal-like words, and by prefix length (32, 64, 128, 256, full) with the share decided.
 * Several --input flags are allowed. With --model, the thresholds are that model's own, from the metadata file
 * {@code train} writes beside it ({@code refusal-model.json}), when there is one.
 */
public final class EvalCommand {

    private EvalCommand() {
    }

    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        List<Path> inputs = new ArrayList<>();
        Path modelFile = null;
        Set<RefusalClass> actOn = null;
        int errors = 0;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                out.println("usage: eval --input FILE.jsonl [--input ...] [--model FILE.onnx] [--act-on CLASS,...] [--errors N]");
                return 0;
            }
            if (i + 1 >= args.length) {
                err.println("eval: " + a + " needs a value");
                return 2;
            }
            String v = args[++i];
            switch (a) {
                case "--input" -> inputs.add(Path.of(v));
                case "--model" -> modelFile = Path.of(v);
                case "--errors" -> {
                    try {
                        errors = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        err.println("eval: --errors must be an integer: " + v);
                        return 2;
                    }
                }
                case "--act-on" -> {
                    try {
                        EnumSet<RefusalClass> s = EnumSet.noneOf(RefusalClass.class);
                        for (String name : v.split(",")) {
                            s.add(RefusalClass.fromWireName(name));
                        }
                        actOn = s;
                    } catch (IllegalArgumentException e) {
                        err.println("eval: --act-on has an unknown class: " + v);
                        return 2;
                    }
                }
                default -> {
                    err.println("eval: unknown argument " + a);
                    return 2;
                }
            }
        }
        if (inputs.isEmpty()) {
            err.println("eval: --input FILE.jsonl is required");
            return 2;
        }
        try {
            List<LabeledText> rows = new ArrayList<>();
            for (Path p : inputs) {
                rows.addAll(LabeledTextJsonl.read(p));
            }
            ClassifierConfig cfg = ClassifierConfig.defaults();
            if (modelFile != null) {
                // Another model's thresholds, not the shipped one's: its streaming figures depend on them.
                cfg = RecommendedConfig.of(modelFile, cfg);
                out.printf(Locale.ROOT, "Thresholds: %s (refusal %.3f, prefix refusal above %.3f, prefix not refusal"
                        + " below %.3f)%n%n", Files.isRegularFile(RecommendedConfig.metadataOf(modelFile))
                        ? RecommendedConfig.metadataOf(modelFile) : "shipped defaults (no metadata file beside the model)",
                        cfg.refusalThreshold(), cfg.prefixRefusalAbove(), cfg.prefixNotRefusalBelow());
            }
            if (actOn != null) {
                cfg = cfg.withActOn(actOn);
            }
            try (OnnxRefusalClassifier classifier = modelFile == null ? OnnxRefusalClassifier.load(cfg)
                    : OnnxRefusalClassifier.load(modelFile, cfg)) {
                long start = System.nanoTime();
                Evaluation ev = new Evaluation(rows, classifier, new PhraseListBaseline(), cfg.actOn());
                out.print(ev.toMarkdown("Evaluation of " + inputs));
                out.printf(Locale.ROOT, "Evaluated in %.1f s.%n", (System.nanoTime() - start) / 1e9);
                if (errors > 0) {
                    printErrors(rows, classifier, cfg, errors, out);
                }
            }
            return 0;
        } catch (Exception e) {
            err.println("eval: " + e.getMessage());
            return 1;
        }
    }

    private static void printErrors(List<LabeledText> rows, OnnxRefusalClassifier c, ClassifierConfig cfg, int max, PrintStream out) {
        out.println("\n### Binary errors (first " + max + ")\n");
        int shown = 0;
        for (LabeledText r : rows) {
            RefusalVerdict v = c.classify(r.text());
            if (v.refusal() != cfg.actOn().contains(r.label()) && shown++ < max) {
                String t = r.text().replaceAll("\\s+", " ");
                out.printf(Locale.ROOT, "- [%s] true=%s predicted=%s score=%.3f: %s%n", r.source(), r.label().wireName(),
                        v.label().wireName(), v.refusalScore(), t.substring(0, Math.min(220, t.length())));
            }
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }
}
