package dev.refusalguard.classifier.experiment;

import dev.refusalguard.classifier.data.LabeledText;
import dev.refusalguard.classifier.data.LabeledTextJsonl;
import dev.refusalguard.classifier.model.RefusalModelTrainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * EXPERIMENT (test scope): fits one {@link ModelSelectionExperiment} variant on train (calibrated and tuned on
 * validation, never reading test.jsonl) and writes its ONNX file, so that `eval --model FILE` can score it on the
 * out-of-distribution probe set (classifier/data/probe/probe-a.jsonl) before anything is chosen.
 *
 * <pre>
 * java -cp ... dev.refusalguard.classifier.experiment.ProbeModelExperiment [--data DIR] --out FILE.onnx VARIANT
 * </pre>
 */
public final class ProbeModelExperiment {

    public static void main(String[] args) throws Exception {
        Path data = Path.of("classifier/data");
        Path out = null;
        String variant = "tail=512,weight=0.5";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> variant = args[i];
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("--out FILE.onnx is required");
        }
        List<LabeledText> train = LabeledTextJsonl.read(data.resolve("train.jsonl"));
        List<LabeledText> validation = LabeledTextJsonl.read(data.resolve("validation.jsonl"));
        RefusalModelTrainer trainer = new RefusalModelTrainer(ModelSelectionExperiment.spec(variant),
                ModelSelectionExperiment.trainerConfig(variant), ModelSelectionExperiment.options(variant), System.err);
        RefusalModelTrainer.Fitted fitted = trainer.fit(train, validation);
        Files.write(out, fitted.onnx());
        System.out.println("wrote " + out + " (" + variant + ", temperature " + fitted.temperature() + ", " + fitted.config() + ")");
    }
}
