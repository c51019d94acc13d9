package dev.refusalguard.classifier.cli;

import dev.refusalguard.classifier.model.RefusalModelTrainer;
import dev.refusalguard.classifier.model.TrainerConfig;
import dev.refusalguard.classifier.text.FeaturizerSpec;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code train [--data DIR] [--out DIR] [--seed N]}: rebuilds the refusal model from the repository data,
 * deterministically. Without --out the model goes to classifier/src/main/resources/dev/refusalguard/classifier and
 * the report to classifier/model/TRAINING_REPORT.md; with --out all three files go to DIR.
 */
public final class TrainCommand {

    public static final String DEFAULT_DATA = "classifier/data";
    public static final String DEFAULT_MODEL_DIR = "classifier/src/main/resources/dev/refusalguard/classifier";
    public static final String DEFAULT_REPORT = "classifier/model/TRAINING_REPORT.md";
    public static final long DEFAULT_SEED = 20260603L;

    private TrainCommand() {
    }

    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        Path data = Path.of(DEFAULT_DATA);
        Path outDir = null;
        long seed = DEFAULT_SEED;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if ((a.equals("--data") || a.equals("--out") || a.equals("--seed")) && i + 1 >= args.length) {
                err.println("train: " + a + " needs a value");
                return 2;
            }
            switch (a) {
                case "--data" -> data = Path.of(args[++i]);
                case "--out" -> outDir = Path.of(args[++i]);
                case "--seed" -> {
                    try {
                        seed = Long.parseLong(args[++i]);
                    } catch (NumberFormatException e) {
                        err.println("train: --seed must be an integer: " + args[i]);
                        return 2;
                    }
                }
                case "-h", "--help" -> {
                    out.println("usage: train [--data DIR] [--out DIR] [--seed N]");
                    return 0;
                }
                default -> {
                    err.println("train: unknown argument " + a + " (usage: train [--data DIR] [--out DIR] [--seed N])");
                    return 2;
                }
            }
        }
        StringBuilder cmd = new StringBuilder("refusalguard train");
        for (String a : args) {
            cmd.append(' ').append(a);
        }
        try {
            RefusalModelTrainer trainer = new RefusalModelTrainer(FeaturizerSpec.refusalDefault(), TrainerConfig.defaults(seed), err);
            RefusalModelTrainer.Trained t = trainer.train(data, cmd.toString());
            Path modelDir = outDir != null ? outDir : Path.of(DEFAULT_MODEL_DIR);
            Path report = outDir != null ? outDir.resolve("TRAINING_REPORT.md") : Path.of(DEFAULT_REPORT);
            RefusalModelTrainer.writeOutputs(t, modelDir, report);
            out.println("wrote " + modelDir.resolve("refusal-model.onnx") + ", " + modelDir.resolve("refusal-model.json") + ", " + report);
            return 0;
        } catch (Exception e) {
            err.println("train: " + e.getMessage());
            return 1;
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }
}
