package dev.refusalguard.proxy.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refusalguard.policies.TaskCategory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The bundled demo prompts (prompts.jsonl beside this class; sources and licences in NOTICE). */
public final class DemoPromptSet {

    static final String RESOURCE = "prompts.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static volatile List<DemoPrompt> bundled;

    private DemoPromptSet() {
    }

    /** All bundled prompts, in file order (loaded once). */
    public static List<DemoPrompt> bundled() {
        List<DemoPrompt> local = bundled;
        if (local == null) {
            local = load();
            bundled = local;
        }
        return local;
    }

    private static List<DemoPrompt> load() {
        List<DemoPrompt> prompts = new ArrayList<>();
        try (InputStream in = DemoPromptSet.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(line);
                List<String> terms = new ArrayList<>();
                n.path("sensitive_terms").forEach(t -> terms.add(t.asText()));
                prompts.add(new DemoPrompt(n.path("id").asText(), n.path("source").asText(),
                        TaskCategory.fromWireName(n.path("category").asText()), terms,
                        n.path("offensive").asBoolean(), n.path("text").asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return List.copyOf(prompts);
    }
}
