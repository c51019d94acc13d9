package dev.refusalguard.policies.model;

import dev.refusalguard.policies.Intent;
import dev.refusalguard.policies.TaskCategory;

/**
 * One labelled request of policies/data (intent-train.jsonl, intent-eval.jsonl).
 *
 * @param id       stable id
 * @param text     the request
 * @param category task category, or null when the row has no category label (offensive ATT&amp;CK prompts)
 * @param intent   labelled intent
 * @param source   where the row comes from ("written-for-refusalguard", "cyberseceval-frr", "cyberseceval-mitre")
 */
public record LabeledRequest(String id, String text, TaskCategory category, Intent intent, String source) {

    public LabeledRequest {
        if (text == null || intent == null || source == null) {
            throw new IllegalArgumentException("text/intent/source: required (row " + id + ")");
        }
    }
}
