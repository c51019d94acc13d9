package dev.refusalguard.proxy.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Real model refusal texts (refusals.jsonl beside this class; sources and licences in NOTICE). */
public final class RefusalTexts {

    static final String RESOURCE = "refusals.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> texts;

    private RefusalTexts(List<String> texts) {
        if (texts.isEmpty()) {
            throw new IllegalStateException(RESOURCE + " holds no refusal texts");
        }
        this.texts = List.copyOf(texts);
    }

    public static RefusalTexts bundled() {
        List<String> texts = new ArrayList<>();
        try (InputStream in = RefusalTexts.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    JsonNode n = JSON.readTree(line);
                    texts.add(n.path("text").asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return new RefusalTexts(texts);
    }

    public List<String> all() {
        return texts;
    }

    /** The text for a non-negative pick value. */
    public String pick(long value) {
        return texts.get((int) Math.floorMod(value, (long) texts.size()));
    }
}
