package dev.refusalguard.proxy.audit;

import dev.refusalguard.classifier.OnnxRefusalClassifier;
import dev.refusalguard.classifier.RefusalClassifier;

/** Loads the refusal classifier shipped in the jar (the classifier module's trained ONNX model). */
final class DefaultClassifier {

    private DefaultClassifier() {
    }

    static RefusalClassifier load() {
        try {
            return OnnxRefusalClassifier.loadDefault();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot load the refusal classifier: " + e.getMessage(), e);
        }
    }
}
