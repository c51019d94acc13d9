package dev.refusalguard.classifier.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refusalguard.classifier.RefusalClass;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes {@link LabeledText} as JSON Lines: {"text","label","source","prompt_id","split"}. */
public final class LabeledTextJsonl {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LabeledTextJsonl() {
    }

    public static void write(Path file, List<LabeledText> rows) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (LabeledText row : rows) {
                w.write(toJson(row));
                w.write('\n');
            }
        }
    }

    public static String toJson(LabeledText row) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("text", row.text());
        node.put("label", row.label().wireName());
        node.put("source", row.source());
        node.put("prompt_id", row.promptId());
        if (row.split() != null) {
            node.put("split", row.split());
        }
        try {
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a JSONL file of labelled texts. Only "text" and "label" are required; a missing source becomes the
     * file name, a missing prompt_id becomes the line number.
     */
    public static List<LabeledText> read(Path file) throws IOException {
        List<LabeledText> rows = new ArrayList<>();
        String fileName = file.getFileName().toString();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = MAPPER.readTree(line);
                } catch (IOException e) {
                    throw new IOException(fileName + " line " + lineNo + ": not JSON: " + e.getMessage(), e);
                }
                JsonNode text = node.get("text");
                JsonNode label = node.get("label");
                if (text == null || !text.isTextual() || label == null || !label.isTextual()) {
                    throw new IOException(fileName + " line " + lineNo + ": needs string fields \"text\" and \"label\"");
                }
                RefusalClass cls;
                try {
                    cls = RefusalClass.fromWireName(label.asText());
                } catch (IllegalArgumentException e) {
                    throw new IOException(fileName + " line " + lineNo + ": unknown label " + label.asText(), e);
                }
                String source = node.hasNonNull("source") ? node.get("source").asText() : fileName;
                String promptId = node.hasNonNull("prompt_id") ? node.get("prompt_id").asText() : "line-" + lineNo;
                String split = node.hasNonNull("split") ? node.get("split").asText() : null;
                rows.add(new LabeledText(text.asText(), cls, source, promptId, split));
            }
        }
        return rows;
    }
}
