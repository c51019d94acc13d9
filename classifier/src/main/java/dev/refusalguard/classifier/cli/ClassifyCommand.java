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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;

/**
 * {@code classify [--model FILE.onnx] [--act-on CLASS,...] [--threshold X]}: JSON Lines on stdin, each
 * {"id": ..., "text": "..."}; one JSON line per input on stdout, in order:
 * {"id": ..., "label": "compliance|hard_refusal|soft_refusal|partial_refusal", "refusal": true|false, "score": 0..1}.
 * A malformed line gets {"line": N, "error": "..."} in its place and a message on stderr; processing continues.
 * Blank lines are skipped. Exit code 0 when every line was classified, 1 when some were malformed.
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

    /** Classifies every line of {@code in}; returns 0, or 1 when at least one line was malformed. */
    public static int classifyStream(RefusalClassifier classifier, InputStream in, PrintStream out, PrintStream err) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        int malformed = 0;
        long lineNo = 0;
        String line;
        try (JsonGenerator gen = FACTORY.createGenerator(writer)) {
            gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            gen.setRootValueSeparator(null);
            while ((line = reader.readLine()) != null) {
                lineNo++;
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
                if (error != null) {
                    malformed++;
                    err.println("classify: line " + lineNo + ": " + error);
                    gen.writeStartObject();
                    gen.writeNumberField("line", lineNo);
                    gen.writeStringField("error", error);
                    gen.writeEndObject();
                } else {
                    RefusalVerdict v = classifier.classify(node.get("text").asText());
                    gen.writeStartObject();
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
                    gen.writeEndObject();
                }
                gen.flush();
                writer.write('\n');
            }
        }
        writer.flush();
        out.flush();
        return malformed == 0 ? 0 : 1;
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
