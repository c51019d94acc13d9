package dev.refusalguard.classifier.model;

import com.google.protobuf.CodedOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a {@link LinearModel} as an ONNX model (IR 8, opset 13) with protobuf-java's {@link CodedOutputStream}
 * and the field numbers of onnx.proto, no ONNX library needed. The graph takes the feature vector as a sparse tensor:
 * <pre>
 *   features: sparse float[1, dims] (COO, one entry per feature)
 *   logits = Squeeze(SparseToDenseMatMul(features, W[dims, C]), 0) + b   -> [C]
 *   probabilities = Softmax(logits * (1 / T))                             -> [C]
 * </pre>
 * {@code SparseToDenseMatMul} is ONNX Runtime's contrib operator (domain {@code com.microsoft}): it adds up the weight
 * rows of the features present, a few ns per feature. The earlier graph ({@link Graph#GATHER}: Gather the rows, then a
 * MatMul with the values) computes the same numbers at about 10 ns per feature (about 6 us of a 512-char answer's
 * 14 us of inference, measured); {@link OnnxTextModel} still reads files written with it.
 * Outputs "logits" (uncalibrated) and "probabilities" (calibrated). Metadata (labels, featurizer, ...) goes into
 * {@code metadata_props}. Output bytes are deterministic.
 */
public final class OnnxLinearModelWriter {

    /** The input of {@link Graph#SPARSE} models. */
    public static final String INPUT_FEATURES = "features";
    /** The inputs of {@link Graph#GATHER} models. */
    public static final String INPUT_INDICES = "indices";
    public static final String INPUT_VALUES = "values";
    public static final String OUTPUT_LOGITS = "logits";
    public static final String OUTPUT_PROBABILITIES = "probabilities";

    // onnx.proto TensorProto.DataType
    private static final int FLOAT = 1;
    private static final int INT64 = 7;
    /** ONNX Runtime's contrib operator domain. */
    private static final String CONTRIB_DOMAIN = "com.microsoft";
    // AttributeProto.AttributeType
    private static final int ATTR_INT = 2;

    /** The form of the graph. */
    public enum Graph {
        /** One sparse input, {@code SparseToDenseMatMul} (written by default). */
        SPARSE,
        /** Dense index and value inputs, {@code Gather} then {@code MatMul} (the format of earlier model files). */
        GATHER
    }

    private OnnxLinearModelWriter() {
    }

    public static void write(LinearModel model, Map<String, String> metadata, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, toBytes(model, metadata));
    }

    public static void write(LinearModel model, Map<String, String> metadata, OutputStream out) throws IOException {
        out.write(toBytes(model, metadata));
    }

    public static byte[] toBytes(LinearModel model, Map<String, String> metadata) {
        return toBytes(model, metadata, Graph.SPARSE);
    }

    public static byte[] toBytes(LinearModel model, Map<String, String> metadata, Graph form) {
        int c = model.classes();
        Msg graph = new Msg();
        if (form == Graph.SPARSE) {
            Msg matmul = node("SparseToDenseMatMul", new String[]{INPUT_FEATURES, "W"}, "summed_row");
            matmul.string(7, CONTRIB_DOMAIN);
            graph.message(1, matmul);
        } else {
            graph.message(1, node("Gather", new String[]{"W", INPUT_INDICES}, "rows", intAttr("axis", 0)));
            graph.message(1, node("Unsqueeze", new String[]{INPUT_VALUES, "axis0"}, "values_row"));
            graph.message(1, node("MatMul", new String[]{"values_row", "rows"}, "summed_row"));
        }
        graph.message(1, node("Squeeze", new String[]{"summed_row", "axis0"}, "summed"));
        graph.message(1, node("Add", new String[]{"summed", "b"}, OUTPUT_LOGITS));
        graph.message(1, node("Mul", new String[]{OUTPUT_LOGITS, "inv_temperature"}, "scaled"));
        graph.message(1, node("Softmax", new String[]{"scaled"}, OUTPUT_PROBABILITIES, intAttr("axis", -1)));
        graph.string(2, "linear_sparse_softmax");
        graph.message(5, floatTensor("W", new long[]{model.dims(), c}, model.weights()));
        graph.message(5, floatTensor("b", new long[]{c}, model.bias()));
        graph.message(5, floatTensor("inv_temperature", new long[]{}, new float[]{1f / model.temperature()}));
        graph.message(5, int64Tensor("axis0", new long[]{1}, new long[]{0}));
        if (form == Graph.SPARSE) {
            graph.message(11, sparseValueInfo(INPUT_FEATURES, FLOAT, model.dims()));
        } else {
            graph.message(11, valueInfo(INPUT_INDICES, INT64, null));
            graph.message(11, valueInfo(INPUT_VALUES, FLOAT, null));
        }
        graph.message(12, valueInfo(OUTPUT_LOGITS, FLOAT, (long) c));
        graph.message(12, valueInfo(OUTPUT_PROBABILITIES, FLOAT, (long) c));

        Msg opset = new Msg();
        opset.string(1, "");
        opset.int64(2, 13);

        Msg m = new Msg();
        m.int64(1, 8);
        m.string(2, "refusalguard");
        m.string(3, "1");
        m.message(7, graph);
        m.message(8, opset);
        if (form == Graph.SPARSE) {
            Msg contrib = new Msg();
            contrib.string(1, CONTRIB_DOMAIN);
            contrib.int64(2, 1);
            m.message(8, contrib);
        }
        Msg labels = new Msg();
        labels.string(1, "labels");
        labels.string(2, String.join(",", model.labels()));
        m.message(14, labels);
        Msg temp = new Msg();
        temp.string(1, "temperature");
        temp.string(2, Float.toString(model.temperature()));
        m.message(14, temp);
        metadata.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            Msg kv = new Msg();
            kv.string(1, e.getKey());
            kv.string(2, e.getValue());
            m.message(14, kv);
        });
        return m.bytes();
    }

    private static Msg node(String op, String[] inputs, String output, Msg... attributes) {
        Msg n = new Msg();
        for (String in : inputs) {
            n.string(1, in);
        }
        n.string(2, output);
        n.string(3, output + "_" + op);
        n.string(4, op);
        for (Msg a : attributes) {
            n.message(5, a);
        }
        return n;
    }

    private static Msg intAttr(String name, long value) {
        Msg a = new Msg();
        a.string(1, name);
        a.int64(3, value);
        a.int64(20, ATTR_INT);
        return a;
    }

    private static Msg floatTensor(String name, long[] dims, float[] data) {
        Msg t = new Msg();
        for (long d : dims) {
            t.int64(1, d);
        }
        t.int64(2, FLOAT);
        t.string(8, name);
        ByteBuffer buf = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(data);
        t.bytes(9, buf.array());
        return t;
    }

    private static Msg int64Tensor(String name, long[] dims, long[] data) {
        Msg t = new Msg();
        for (long d : dims) {
            t.int64(1, d);
        }
        t.int64(2, INT64);
        t.string(8, name);
        ByteBuffer buf = ByteBuffer.allocate(data.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buf.asLongBuffer().put(data);
        t.bytes(9, buf.array());
        return t;
    }

    /** A 1-D tensor value: fixed size when {@code size} is given, else a symbolic dimension "n". */
    private static Msg valueInfo(String name, int elemType, Long size) {
        Msg dim = new Msg();
        if (size != null) {
            dim.int64(1, size);
        } else {
            dim.string(2, "n");
        }
        Msg shape = new Msg();
        shape.message(1, dim);
        Msg tensor = new Msg();
        tensor.int64(1, elemType);
        tensor.message(2, shape);
        Msg type = new Msg();
        type.message(1, tensor);
        Msg vi = new Msg();
        vi.string(1, name);
        vi.message(2, type);
        return vi;
    }

    /** A sparse tensor value of shape [1, dims] (TypeProto.sparse_tensor_type). */
    private static Msg sparseValueInfo(String name, int elemType, int dims) {
        Msg rows = new Msg();
        rows.int64(1, 1);
        Msg cols = new Msg();
        cols.int64(1, dims);
        Msg shape = new Msg();
        shape.message(1, rows);
        shape.message(1, cols);
        Msg tensor = new Msg();
        tensor.int64(1, elemType);
        tensor.message(2, shape);
        Msg type = new Msg();
        type.message(8, tensor);
        Msg vi = new Msg();
        vi.string(1, name);
        vi.message(2, type);
        return vi;
    }

    /** A protobuf message under construction; nested messages are serialised then written length-delimited. */
    private static final class Msg {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        private final CodedOutputStream out = CodedOutputStream.newInstance(buf);

        void int64(int field, long v) {
            try {
                out.writeInt64(field, v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void string(int field, String v) {
            try {
                out.writeString(field, v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void bytes(int field, byte[] v) {
            try {
                out.writeByteArray(field, v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void message(int field, Msg m) {
            bytes(field, m.bytes());
        }

        byte[] bytes() {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return buf.toByteArray();
        }
    }
}
