package dev.refusalguard.classifier.model;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxSparseTensor;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.refusalguard.classifier.text.FeaturizerSpec;
import dev.refusalguard.classifier.text.HashedNgramFeaturizer;
import dev.refusalguard.classifier.text.SparseVector;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A text classifier backed by ONNX Runtime: a model written by {@link OnnxLinearModelWriter}, whose metadata names
 * its labels and {@link FeaturizerSpec}. Generic over the label set. Thread-safe ({@link OrtSession#run} is);
 * {@link #close()} releases the session.
 */
public final class OnnxTextModel implements AutoCloseable {

    private final OrtEnvironment env;
    private final OrtSession session;
    /**
     * Inferences hold the read lock, {@link #close()} the write lock: a session is never closed under a running
     * inference (ONNX Runtime aborts the process then), and an inference after close fails with a Java exception.
     * A {@link java.util.concurrent.locks.StampedLock}: its read lock is one compare-and-set, where a
     * ReentrantReadWriteLock also keeps a per-thread hold count (a ThreadLocal set on most inferences, 4% of the
     * inference threads' Java samples under the harness load). No inference takes the lock twice, so it need not be
     * reentrant.
     */
    private final java.util.concurrent.locks.StampedLock lifecycle = new java.util.concurrent.locks.StampedLock();
    /** Read under the read lock, written under the write lock (which orders it): no volatile needed. */
    private boolean closed;
    private final List<String> labels;
    private final HashedNgramFeaturizer featurizer;
    private final Map<String, String> metadata;
    private final ThreadLocal<Buffers> buffers = ThreadLocal.withInitial(Buffers::new);
    /**
     * Whether the graph takes one sparse input ({@link OnnxLinearModelWriter.Graph#SPARSE}) or the index and value
     * inputs of earlier files ({@link OnnxLinearModelWriter.Graph#GATHER}).
     */
    private final boolean sparseInput;
    private final long[] featuresShape;

    private OnnxTextModel(OrtEnvironment env, OrtSession session, Map<String, String> metadata) {
        this.env = env;
        this.session = session;
        this.metadata = Map.copyOf(metadata);
        String labelList = metadata.get("labels");
        if (labelList == null || labelList.isBlank()) {
            throw new IllegalArgumentException("model metadata lacks 'labels'");
        }
        this.labels = List.of(labelList.split(","));
        this.featurizer = HashedNgramFeaturizer.shared(FeaturizerSpec.fromMetadata(metadata));
        this.sparseInput = session.getInputNames().contains(OnnxLinearModelWriter.INPUT_FEATURES);
        this.featuresShape = new long[]{1, featurizer.spec().dims()};
    }

    /** Loads a model from bytes, running ONNX Runtime on {@code intraOpThreads} threads (1 keeps latency lowest). */
    public static OnnxTextModel load(byte[] onnx, int intraOpThreads) {
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
            opts.setIntraOpNumThreads(intraOpThreads);
            opts.setInterOpNumThreads(1);
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtSession session = env.createSession(onnx, opts);
            Map<String, String> meta = session.getMetadata().getCustomMetadata();
            return new OnnxTextModel(env, session, meta);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load ONNX model: " + e.getMessage(), e);
        }
    }

    public static OnnxTextModel loadResource(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("model resource not found: " + resource);
            }
            return load(in.readAllBytes(), 1);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read model resource " + resource, e);
        }
    }

    public List<String> labels() {
        return labels;
    }

    public HashedNgramFeaturizer featurizer() {
        return featurizer;
    }

    public Optional<String> metadata(String key) {
        return Optional.ofNullable(metadata.get(key));
    }

    /** Calibrated class probabilities for a complete text, in {@link #labels()} order. */
    public float[] predict(CharSequence text) {
        return predict(text, true);
    }

    /**
     * Calibrated class probabilities for a text; {@code complete} false for the unfinished opening of a longer text
     * (the featurizer then leaves out its whole-answer block, if the spec has one).
     */
    public float[] predict(CharSequence text, boolean complete) {
        return featurizer.withFeatures(text, complete, probabilities);
    }

    /** Reads the featurizer's arrays straight into the input buffers (no vector is allocated per text). */
    private final HashedNgramFeaturizer.FeatureReader<float[]> probabilities =
            (indices, values, size) -> run(indices, values, size, OnnxLinearModelWriter.OUTPUT_PROBABILITIES);

    /** Calibrated class probabilities for a feature vector. */
    public float[] predict(SparseVector x) {
        return run(x.indices(), x.values(), x.size(), OnnxLinearModelWriter.OUTPUT_PROBABILITIES);
    }

    /** Uncalibrated logits, for tests and diagnostics. */
    public float[] logits(SparseVector x) {
        return run(x.indices(), x.values(), x.size(), OnnxLinearModelWriter.OUTPUT_LOGITS);
    }

    /** Runs the model on the first {@code size} entries of a vector's indices and values. */
    private float[] run(int[] indices, float[] values, int size, String output) {
        int n = Math.max(1, size);
        Buffers b = buffers.get().ensure(n);
        LongBuffer idx = b.indices;
        FloatBuffer val = b.values;
        idx.clear();
        val.clear();
        // An empty text still needs one entry: index 0 with value 0 contributes nothing.
        int[] xi = size == 0 ? EMPTY_INDEX : indices;
        float[] xv = size == 0 ? EMPTY_VALUE : values;
        if (sparseInput) {
            // COO coordinates of a [1, dims] matrix: (row 0, column = bucket) per feature
            for (int i = 0; i < n; i++) {
                idx.put(2 * i, 0L);
                idx.put(2 * i + 1, xi[i]);
            }
            idx.limit(2 * n);
        } else {
            for (int i = 0; i < n; i++) {
                idx.put(i, xi[i]);
            }
            idx.limit(n);
        }
        val.put(xv, 0, n);
        val.flip();
        long running = lifecycle.readLock();
        try {
            if (closed) {
                throw new IllegalStateException("the ONNX model is closed");
            }
            return sparseInput ? runSparse(idx, val, n, output) : runGather(idx, val, n, output);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime inference failed: " + e.getMessage(), e);
        } finally {
            lifecycle.unlockRead(running);
        }
    }

    private float[] runSparse(LongBuffer coordinates, FloatBuffer values, int n, String output) throws OrtException {
        OnnxSparseTensor.COOTensor coo = new OnnxSparseTensor.COOTensor(coordinates, new long[]{n, 2}, values,
                featuresShape, OnnxJavaType.FLOAT, n);
        try (OnnxSparseTensor features = OnnxSparseTensor.createSparseTensor(env, coo);
             OrtSession.Result result = session.run(Map.of(OnnxLinearModelWriter.INPUT_FEATURES, features), outputSet(output))) {
            return (float[]) result.get(0).getValue();
        }
    }

    private float[] runGather(LongBuffer indices, FloatBuffer values, int n, String output) throws OrtException {
        long[] shape = {n};
        try (OnnxTensor idx = OnnxTensor.createTensor(env, indices, shape);
             OnnxTensor val = OnnxTensor.createTensor(env, values, shape);
             OrtSession.Result result = session.run(Map.of(OnnxLinearModelWriter.INPUT_INDICES, idx,
                     OnnxLinearModelWriter.INPUT_VALUES, val), outputSet(output))) {
            return (float[]) result.get(0).getValue();
        }
    }

    private static final int[] EMPTY_INDEX = {0};
    private static final float[] EMPTY_VALUE = {0f};

    private static final Set<String> PROBABILITIES_ONLY = Set.of(OnnxLinearModelWriter.OUTPUT_PROBABILITIES);
    private static final Set<String> LOGITS_ONLY = Set.of(OnnxLinearModelWriter.OUTPUT_LOGITS);

    private static Set<String> outputSet(String output) {
        return output.equals(OnnxLinearModelWriter.OUTPUT_LOGITS) ? LOGITS_ONLY : PROBABILITIES_ONLY;
    }

    /** Per-thread direct input buffers (ONNX Runtime reads direct buffers in place instead of copying them). */
    private static final class Buffers {
        LongBuffer indices;
        FloatBuffer values;

        /** Room for {@code n} features: two coordinates each (sparse input) or one index (gather input). */
        Buffers ensure(int n) {
            if (indices == null || values.capacity() < n) {
                int cap = Math.max(4096, Integer.highestOneBit(n) * 2);
                indices = ByteBuffer.allocateDirect(cap * 16).order(ByteOrder.nativeOrder()).asLongBuffer();
                values = ByteBuffer.allocateDirect(cap * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
            }
            return this;
        }
    }

    @Override
    public void close() {
        long closing = lifecycle.writeLock();
        try {
            if (!closed) {
                closed = true;
                session.close();
            }
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close ONNX session", e);
        } finally {
            lifecycle.unlockWrite(closing);
        }
    }
}
