package dev.refusalguard.proxy.audit;

import dev.refusalguard.classifier.RefusalClassifier;
import java.lang.reflect.InvocationTargetException;

/** Loads the refusal classifier shipped in the jar (the classifier module's ONNX model). */
final class DefaultClassifier {

    static final String CLASS_NAME = "dev.refusalguard.classifier.OnnxRefusalClassifier";

    private DefaultClassifier() {
    }

    static RefusalClassifier load() {
        try {
            Object classifier = Class.forName(CLASS_NAME).getMethod("loadDefault").invoke(null);
            return (RefusalClassifier) classifier;
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new IllegalStateException("the refusal classifier (" + CLASS_NAME + ") is not in this build", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot load the refusal classifier: " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot load the refusal classifier: " + e, e);
        }
    }
}
