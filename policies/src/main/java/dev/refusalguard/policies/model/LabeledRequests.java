package dev.refusalguard.policies.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refusalguard.policies.Intent;
import dev.refusalguard.policies.TaskCategory;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads labelled request JSON Lines ({"id","text","category","intent","source"}); errors name the line. */
public final class LabeledRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LabeledRequests() {
    }

    public static List<LabeledRequest> read(Path file) throws IOException {
        List<LabeledRequest> rows = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode o = JSON.readTree(line);
                    JsonNode category = o.get("category");
                    rows.add(new LabeledRequest(o.path("id").asText(), o.path("text").asText(null),
                            category == null || category.isNull() ? null : TaskCategory.fromWireName(category.asText()),
                            Intent.valueOf(o.path("intent").asText().toUpperCase(Locale.ROOT)), o.path("source").asText(null)));
                } catch (IOException | IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + ":" + n + ": " + e.getMessage(), e);
                }
            }
        }
        return rows;
    }
}
