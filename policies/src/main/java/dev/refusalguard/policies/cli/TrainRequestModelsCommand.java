package dev.refusalguard.policies.cli;

import dev.refusalguard.classifier.model.OnnxTextModel;
import dev.refusalguard.classifier.model.TrainerConfig;
import dev.refusalguard.policies.AuthorizationClaimDetector;
import dev.refusalguard.policies.BlendedCategoryModel;
import dev.refusalguard.policies.CategoryRules;
import dev.refusalguard.policies.CombinedIntentModel;
import dev.refusalguard.policies.IntentRules;
import dev.refusalguard.policies.IntentThresholds;
import dev.refusalguard.policies.Rephraser;
import dev.refusalguard.policies.RequestAnalyzer;
import dev.refusalguard.policies.SensitiveTermLexicon;
import dev.refusalguard.policies.model.IntentEvaluation;
import dev.refusalguard.policies.model.LabeledRequest;
import dev.refusalguard.policies.model.LabeledRequests;
import dev.refusalguard.policies.model.OnnxCategoryModel;
import dev.refusalguard.policies.model.OnnxIntentModel;
import dev.refusalguard.policies.model.RequestModelTrainer;
import dev.refusalguard.policies.model.RequestModels;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code train-request-models [--data DIR] [--out DIR] [--report FILE] [--seed N]}: trains the intent and category
 * models from DIR/intent-train.jsonl (default policies/data), writes intent-model.onnx and category-model.onnx to
 * --out (default policies/src/main/resources/dev/refusalguard/policies) and a Markdown report with the held-out
 * evaluation on DIR/intent-eval.jsonl (never used for training).
 */
public final class TrainRequestModelsCommand {

    private TrainRequestModelsCommand() {
    }

    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        Path data = Path.of("policies/data");
        Path outDir = Path.of("policies/src/main/resources/dev/refusalguard/policies");
        Path report = Path.of("policies/data/TRAINING_REPORT.md");
        long seed = 20260303L;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length && !a.equals("--help")) {
                err.println("train-request-models: " + a + " needs a value");
                return 2;
            }
            switch (a) {
                case "--data" -> data = Path.of(args[++i]);
                case "--out" -> outDir = Path.of(args[++i]);
                case "--report" -> report = Path.of(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--help" -> {
                    out.println("usage: train-request-models [--data DIR] [--out DIR] [--report FILE] [--seed N]");
                    return 0;
                }
                default -> {
                    err.println("train-request-models: unknown argument " + a);
                    return 2;
                }
            }
        }
        try {
            List<LabeledRequest> train = LabeledRequests.read(data.resolve("intent-train.jsonl"));
            List<LabeledRequest> eval = LabeledRequests.read(data.resolve("intent-eval.jsonl"));
            TrainerConfig config = new TrainerConfig(10, 0.2, 1e-6, true, seed);
            RequestModelTrainer trainer = new RequestModelTrainer(RequestModels.featurizer(), config);
            RequestModelTrainer.Trained intent = trainer.trainIntent(train);
            RequestModelTrainer.Trained category = trainer.trainCategory(train);
            Files.createDirectories(outDir);
            Path intentFile = outDir.resolve("intent-model.onnx");
            Path categoryFile = outDir.resolve("category-model.onnx");
            trainer.write(intent, "refusalguard-intent", intentFile);
            trainer.write(category, "refusalguard-category", categoryFile);

            String alone;
            String shipped;
            try (OnnxIntentModel im = new OnnxIntentModel(OnnxTextModel.load(Files.readAllBytes(intentFile), 1));
                 OnnxCategoryModel cm = new OnnxCategoryModel(OnnxTextModel.load(Files.readAllBytes(categoryFile), 1))) {
                Rephraser rephraser = new Rephraser(SensitiveTermLexicon.loadDefault());
                alone = IntentEvaluation.run(new RequestAnalyzer(rephraser, cm, im, new AuthorizationClaimDetector(),
                        IntentThresholds.DEFAULT), eval).report();
                shipped = IntentEvaluation.run(new RequestAnalyzer(rephraser,
                        new BlendedCategoryModel(cm, new CategoryRules(), BlendedCategoryModel.DEFAULT_RULE_WEIGHT),
                        new CombinedIntentModel(im, new IntentRules(), CombinedIntentModel.DEFAULT_RULE_OVERRIDE_AT),
                        new AuthorizationClaimDetector(), IntentThresholds.DEFAULT), eval).report();
            }
            String text = report(train, eval, config, intent, category, alone, shipped);
            Files.writeString(report, text, StandardCharsets.UTF_8);
            out.print(text);
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("train-request-models: " + e.getMessage());
            return 1;
        }
    }

    private static String report(List<LabeledRequest> train, List<LabeledRequest> eval, TrainerConfig config,
                                 RequestModelTrainer.Trained intent, RequestModelTrainer.Trained category, String alone,
                                 String shipped) {
        StringBuilder b = new StringBuilder();
        b.append("# Request models: training report\n\n");
        b.append("Generated by `TrainRequestModelsCommand` (see docs/policies.md). Data: policies/data (NOTICE).\n\n");
        b.append(String.format(Locale.ROOT, "- training rows: %d; held-out evaluation rows: %d (never used for training)%n", train.size(), eval.size()));
        b.append("- featurizer: ").append(RequestModels.featurizer()).append('\n');
        b.append(String.format(Locale.ROOT, "- trainer: softmax regression, AdaGrad, %d epochs, lr %.2f, l2 %.0e, balanced classes, seed %d; "
                        + "rows written for RefusalGuard weighted x%.0f%n", config.epochs(), config.learningRate(), config.l2(), config.seed(),
                RequestModelTrainer.WRITTEN_WEIGHT));
        b.append(String.format(Locale.ROOT, "- intent model: fit %d rows, validation %d rows, validation accuracy %.3f, temperature %.3f (NLL %.4f -> %.4f)%n",
                intent.fitRows(), intent.validationRows(), intent.validationAccuracy(), intent.model().temperature(), intent.nllBefore(), intent.nllAfter()));
        b.append(String.format(Locale.ROOT, "- category model: fit %d rows, validation %d rows, validation accuracy %.3f, temperature %.3f (NLL %.4f -> %.4f)%n%n",
                category.fitRows(), category.validationRows(), category.validationAccuracy(), category.model().temperature(), category.nllBefore(), category.nllAfter()));
        b.append("## Held-out evaluation: shipped analyzer (what `eval-intent` reports)\n\n");
        b.append("Intent: ONNX model, raised to the intent rules' score when the rules are >= "
                + CombinedIntentModel.DEFAULT_RULE_OVERRIDE_AT + " sure (one-way). Category: ONNX model blended with the "
                + "category rules, weight " + BlendedCategoryModel.DEFAULT_RULE_WEIGHT + ". Default thresholds "
                + IntentThresholds.DEFAULT + ". Category accuracy counts non-offensive rows with a category label.\n\n");
        b.append("```\n").append(shipped).append("```\n\n");
        b.append("## Held-out evaluation: ONNX models alone\n\n```\n").append(alone).append("```\n");
        return b.toString();
    }

    /** Stand-alone entry point (scripts, CI); the proxy's Main calls {@link #run} directly. */
    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }
}
