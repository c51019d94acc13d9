package dev.refusalguard.proxy.demo;

import dev.refusalguard.policies.TaskCategory;

import java.util.List;
import java.util.Objects;

/**
 * One bundled demo prompt (a line of prompts.jsonl).
 *
 * @param id             stable id, e.g. {@code frr-0042}
 * @param source         dataset it was copied from (see NOTICE)
 * @param category       category tag from {@link CategoryTagger}
 * @param sensitiveTerms sensitive words from {@link SensitiveTerms}
 * @param offensive      a clearly offensive request (from cyberseceval-mitre)
 * @param text           the request text
 */
public record DemoPrompt(String id, String source, TaskCategory category, List<String> sensitiveTerms,
                         boolean offensive, String text) {

    public DemoPrompt {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(text, "text");
        sensitiveTerms = List.copyOf(sensitiveTerms);
    }

    public boolean sensitive() {
        return !sensitiveTerms.isEmpty();
    }
}
