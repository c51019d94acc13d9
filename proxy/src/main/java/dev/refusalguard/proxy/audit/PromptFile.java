package dev.refusalguard.proxy.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refusalguard.policies.TaskCategory;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads the prompts JSONL file; errors name the line. Blank lines and lines starting with '#' are skipped. */
final class PromptFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PromptFile() {
    }

    static List<AuditPrompt> read(Path file) throws IOException {
        List<AuditPrompt> prompts = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                AuditPrompt prompt = parse(trimmed, file, number);
                if (!ids.add(prompt.id())) {
                    throw new IllegalArgumentException(file + ":" + number + ": duplicate id '" + prompt.id() + "'");
                }
                prompts.add(prompt);
            }
        }
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException(file + ": no prompts");
        }
        return prompts;
    }

    private static AuditPrompt parse(String line, Path file, int number) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ":" + number + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(file + ":" + number + ": expected a JSON object");
        }
        JsonNode id = node.get("id");
        JsonNode prompt = node.has("prompt") ? node.get("prompt") : node.get("text");
        if (id == null || !(id.isTextual() || id.isNumber()) || id.asText().isBlank()) {
            throw new IllegalArgumentException(file + ":" + number + ": \"id\" (string or number) is required");
        }
        if (prompt == null || !prompt.isTextual() || prompt.asText().isBlank()) {
            throw new IllegalArgumentException(file + ":" + number + ": \"prompt\" (non-empty string) is required");
        }
        TaskCategory category = null;
        JsonNode cat = node.get("category");
        if (cat != null && !cat.isNull()) {
            try {
                category = TaskCategory.fromWireName(cat.asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ":" + number + ": unknown category '" + cat.asText()
                        + "' (one of " + categoryNames() + ")");
            }
        }
        return new AuditPrompt(id.asText(), prompt.asText(), category, flag(node, "sensitive", file, number),
                flag(node, "auth_claim", file, number));
    }

    private static Boolean flag(JsonNode node, String field, Path file, int number) {
        JsonNode label = node.get(field);
        if (label == null || label.isNull()) {
            return null;
        }
        if (!label.isBoolean()) {
            throw new IllegalArgumentException(file + ":" + number + ": \"" + field + "\" must be true or false");
        }
        return label.asBoolean();
    }

    private static List<String> categoryNames() {
        List<String> names = new ArrayList<>();
        for (TaskCategory category : TaskCategory.values()) {
            names.add(category.wireName());
        }
        return names;
    }
}
