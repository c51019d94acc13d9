package dev.refusalguard.classifier;

import dev.refusalguard.classifier.model.OnnxTextModel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The refusal classifier: hashed n-gram features of the opening text (and, for a complete answer when the model's
 * featurizer has them, of its closing and shape), a linear softmax model run by ONNX Runtime, calibrated
 * probabilities over the four {@link RefusalClass}es. A text with no content ({@link NoContent}) is not given to the
 * model. Thread-safe; {@link #close()} releases the session.
 */
public final class OnnxRefusalClassifier implements RefusalClassifier {

    /** Classpath location of the shipped model. */
    public static final String MODEL_RESOURCE = "/dev/refusalguard/classifier/refusal-model.onnx";

    private final OnnxTextModel model;
    private final ClassifierConfig config;
    private final RefusalClass[] classOf;
    private final int window;
    private final boolean wholeAnswer;

    public OnnxRefusalClassifier(OnnxTextModel model, ClassifierConfig config) {
        this.model = Objects.requireNonNull(model, "model");
        this.config = Objects.requireNonNull(config, "config");
        this.classOf = new RefusalClass[model.labels().size()];
        for (int i = 0; i < classOf.length; i++) {
            classOf[i] = RefusalClass.fromWireName(model.labels().get(i));
        }
        this.window = Math.min(config.maxChars(), model.featurizer().spec().maxChars());
        this.wholeAnswer = model.featurizer().spec().wholeAnswer();
    }

    /** The shipped model with {@link ClassifierConfig#defaults()}. */
    public static OnnxRefusalClassifier loadDefault() {
        return load(ClassifierConfig.defaults());
    }

    /** The shipped model with the given settings. */
    public static OnnxRefusalClassifier load(ClassifierConfig config) {
        return new OnnxRefusalClassifier(OnnxTextModel.loadResource(OnnxRefusalClassifier.class, MODEL_RESOURCE), config);
    }

    /** A model file (e.g. one just trained by {@code train}) with the given settings. */
    public static OnnxRefusalClassifier load(Path onnxFile, ClassifierConfig config) throws IOException {
        return new OnnxRefusalClassifier(OnnxTextModel.load(Files.readAllBytes(onnxFile), 1), config);
    }

    /** A model from a stream with the given settings. */
    public static OnnxRefusalClassifier load(InputStream onnx, ClassifierConfig config) throws IOException {
        return new OnnxRefusalClassifier(OnnxTextModel.load(onnx.readAllBytes(), 1), config);
    }

    public ClassifierConfig config() {
        return config;
    }

    /** The featurizer spec the model was trained with (from its metadata). */
    public dev.refusalguard.classifier.text.FeaturizerSpec featurizerSpec() {
        return model.featurizer().spec();
    }

    @Override
    public RefusalVerdict classify(String text) {
        return verdict(probabilities(text, true));
    }

    @Override
    public PrefixVerdict classifyPrefix(String prefix, boolean complete) {
        if (complete) {
            RefusalVerdict v = classify(prefix);
            return new PrefixVerdict(v.refusal() ? PrefixDecision.REFUSAL : PrefixDecision.NOT_REFUSAL, v);
        }
        RefusalVerdict v = verdict(probabilities(prefix, false));
        int seen = prefix.strip().length();
        if (seen < config.prefixMinChars() || NoContent.test(prefix)) {
            return new PrefixVerdict(PrefixDecision.UNDECIDED, v);
        }
        if (v.refusalScore() >= config.prefixRefusalAbove()) {
            return new PrefixVerdict(PrefixDecision.REFUSAL, v);
        }
        if (v.refusalScore() <= config.prefixNotRefusalBelow()) {
            return new PrefixVerdict(PrefixDecision.NOT_REFUSAL, v);
        }
        if (prefix.length() >= window) {
            // The opening block is full: more text cannot change a prefix's verdict (only the complete answer's).
            return new PrefixVerdict(v.refusal() ? PrefixDecision.REFUSAL : PrefixDecision.NOT_REFUSAL, v);
        }
        return new PrefixVerdict(PrefixDecision.UNDECIDED, v);
    }

    /** Calibrated probabilities per class of a complete text, in {@link RefusalClass} order. */
    public double[] probabilities(String text) {
        return probabilities(text, true);
    }

    /**
     * Calibrated probabilities per class, in {@link RefusalClass} order, of a complete text or of the unfinished
     * opening of one. A complete text with no content is a hard refusal with certainty ({@link NoContent}).
     */
    public double[] probabilities(String text, boolean complete) {
        double[] out = new double[RefusalClass.values().length];
        if (complete && NoContent.test(text)) {
            out[NoContent.CLASS.ordinal()] = 1.0;
            return out;
        }
        int keep = complete && wholeAnswer ? config.maxChars() : window;
        String t = text.length() > keep ? text.substring(0, keep) : text;
        float[] p = model.predict(t, complete);
        for (int i = 0; i < p.length; i++) {
            out[classOf[i].ordinal()] = p[i];
        }
        return out;
    }

    RefusalVerdict verdict(double[] p) {
        double score = 0;
        for (RefusalClass c : config.actOn()) {
            score += p[c.ordinal()];
        }
        score = Math.min(1.0, Math.max(0.0, score));
        boolean refusal = score >= config.refusalThreshold();
        // The label agrees with the binary decision: the most likely class on the decided side.
        RefusalClass best = null;
        for (RefusalClass c : RefusalClass.values()) {
            if (config.actOn().contains(c) == refusal && (best == null || p[c.ordinal()] > p[best.ordinal()])) {
                best = c;
            }
        }
        return new RefusalVerdict(best, score, refusal);
    }

    @Override
    public void close() {
        model.close();
    }
}
