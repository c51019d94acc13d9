package dev.refusalguard.classifier.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refusalguard.classifier.ClassifierConfig;
import dev.refusalguard.classifier.OnnxRefusalClassifier;
import dev.refusalguard.classifier.RefusalClass;
import dev.refusalguard.classifier.RefusalClassifier;
import dev.refusalguard.classifier.RefusalVerdict;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code classify [--model FILE.onnx] [--act-on CLASS,...] [--threshold X]}: JSON Lines on stdin, each
 * {"id": ..., "text": "..."}; one JSON line per input on stdout, in order:
 * {"id": ..., "label": "compliance|hard_refusal|soft_refusal|partial_refusal", "refusal": true|false, "score": 0..1}.
 * A malformed line gets {"line": N, "error": "..."} in its place and a message on stderr; processing continues.
 * Blank lines are skipped. Exit code 0 when every line was classified, 1 when some were malformed. Lines are
 * processed in batches of {@value #BATCH} by one worker per core (at most 4); output order always follows input.
 */
public final class ClassifyCommand {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private ClassifyCommand() {
    }

    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        ClassifierConfig cfg = ClassifierConfig.defaults();
        Path model = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                out.println("usage: classify [--model FILE.onnx] [--act-on CLASS,...] [--threshold X] < in.jsonl > out.jsonl");
                return 0;
            }
            if (i + 1 >= args.length) {
                err.println("classify: " + a + " needs a value");
                return 2;
            }
            String v = args[++i];
            try {
                switch (a) {
                    case "--model" -> model = Path.of(v);
                    case "--act-on" -> {
                        EnumSet<RefusalClass> s = EnumSet.noneOf(RefusalClass.class);
                        for (String name : v.split(",")) {
                            s.add(RefusalClass.fromWireName(name));
                        }
                        cfg = cfg.withActOn(s);
                    }
                    case "--threshold" -> cfg = new ClassifierConfig(cfg.actOn(), Double.parseDouble(v),
                            Math.max(cfg.prefixRefusalAbove(), Double.parseDouble(v)),
                            Math.min(cfg.prefixNotRefusalBelow(), Double.parseDouble(v)), cfg.prefixMinChars(), cfg.maxChars());
                    default -> {
                        err.println("classify: unknown argument " + a);
                        return 2;
                    }
                }
            } catch (IllegalArgumentException e) {
                err.println("classify: bad value for " + a + ": " + e.getMessage());
                return 2;
            }
        }
        try (OnnxRefusalClassifier classifier = model == null ? OnnxRefusalClassifier.load(cfg) : OnnxRefusalClassifier.load(model, cfg)) {
            return classifyStream(classifier, in, out, err);
        } catch (IOException | RuntimeException e) {
            err.println("classify: " + e.getMessage());
            return 1;
        }
    }

    /** Lines classified per batch; a batch is split across the worker threads and written in input order. */
    static final int BATCH = 512;

    /** Classifies every line of {@code in} on one thread per available core (at most 4). */
    public static int classifyStream(RefusalClassifier classifier, InputStream in, PrintStream out, PrintStream err) throws IOException {
        return classifyStream(classifier, in, out, err, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Classifies every line of {@code in}; returns 0, or 1 when at least one line was malformed. Lines are read in
     * batches; each batch is parsed and classified by {@code threads} workers and written in input order.
     */
    public static int classifyStream(RefusalClassifier classifier, InputStream in, PrintStream out, PrintStream err, int threads)
            throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "classify-worker");
            t.setDaemon(true);
            return t;
        }) : null;
        int malformed = 0;
        long lineNo = 0;
        try {
            List<String> lines = new ArrayList<>(BATCH);
            long firstLine = 1;
            String line;
            boolean eof = false;
            while (!eof) {
                lines.clear();
                firstLine = lineNo + 1;
                while (lines.size() < BATCH && (line = reader.readLine()) != null) {
                    lineNo++;
                    lines.add(line);
                }
                eof = lines.size() < BATCH;
                String[] results = new String[lines.size()];
                String[] errors = new String[lines.size()];
                classifyBatch(classifier, lines, firstLine, results, errors, pool, threads);
                for (int i = 0; i < results.length; i++) {
                    if (errors[i] != null) {
                        malformed++;
                        err.println("classify: line " + (firstLine + i) + ": " + errors[i]);
                    }
                    if (results[i] != null) {
                        writer.write(results[i]);
                        writer.write('\n');
                    }
                }
                writer.flush();
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        writer.flush();
        out.flush();
        return malformed == 0 ? 0 : 1;
    }

    private static void classifyBatch(RefusalClassifier classifier, List<String> lines, long firstLine, String[] results,
                                      String[] errors, ExecutorService pool, int threads) throws IOException {
        if (pool == null || lines.size() < 2 * threads) {
            classifyRange(classifier, lines, firstLine, results, errors, 0, lines.size());
            return;
        }
        List<Future<?>> parts = new ArrayList<>();
        int chunk = (lines.size() + threads - 1) / threads;
        for (int start = 0; start < lines.size(); start += chunk) {
            int from = start;
            int to = Math.min(lines.size(), start + chunk);
            parts.add(pool.submit(() -> {
                classifyRange(classifier, lines, firstLine, results, errors, from, to);
                return null;
            }));
        }
        for (Future<?> f : parts) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IOException("classification failed: " + e.getCause().getMessage(), e.getCause());
            }
        }
    }

    private static void classifyRange(RefusalClassifier classifier, List<String> lines, long firstLine, String[] results,
                                      String[] errors, int from, int to) throws IOException {
        StringWriter sw = new StringWriter(128);
        for (int i = from; i < to; i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String error;
            JsonNode node = null;
            try {
                node = MAPPER.readTree(line);
                error = validate(node);
            } catch (JsonProcessingException e) {
                error = "not valid JSON: " + e.getOriginalMessage();
            }
            sw.getBuffer().setLength(0);
            try (JsonGenerator gen = FACTORY.createGenerator(sw)) {
                gen.writeStartObject();
                if (error != null) {
                    errors[i] = error;
                    gen.writeNumberField("line", firstLine + i);
                    gen.writeStringField("error", error);
                } else {
                    RefusalVerdict v = classifier.classify(node.get("text").asText());
                    gen.writeFieldName("id");
                    JsonNode id = node.get("id");
                    if (id == null) {
                        gen.writeNull();
                    } else {
                        MAPPER.writeTree(gen, id);
                    }
                    gen.writeStringField("label", v.label().wireName());
                    gen.writeBooleanField("refusal", v.refusal());
                    gen.writeNumberField("score", Math.round(v.refusalScore() * 10000) / 10000.0);
                }
                gen.writeEndObject();
            }
            results[i] = sw.toString();
        }
    }

    private static String validate(JsonNode node) {
        if (node == null || !node.isObject()) {
            return "expected a JSON object with a \"text\" field";
        }
        JsonNode text = node.get("text");
        if (text == null || text.isNull()) {
            return "missing \"text\"";
        }
        if (!text.isTextual()) {
            return "\"text\" must be a string";
        }
        return null;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }
}
