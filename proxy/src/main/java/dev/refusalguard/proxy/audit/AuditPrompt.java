package dev.refusalguard.proxy.audit;

import dev.refusalguard.policies.TaskCategory;

/**
 * One line of the prompts file.
 *
 * @param id       unique id (resume key)
 * @param prompt   the request text, as an agent would send it
 * @param category  category given in the file, or null to let request analysis decide
 * @param sensitive sensitive-wording label given in the file, or null to let request analysis decide
 * @param authClaim free-text-claim label given in the file, or null to let request analysis decide
 */
public record AuditPrompt(String id, String prompt, TaskCategory category, Boolean sensitive, Boolean authClaim) {

    public AuditPrompt {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id is required");
        }
        if (prompt == null || prompt.isBlank()) {
            throw new IllegalArgumentException("prompt is required");
        }
    }
}
