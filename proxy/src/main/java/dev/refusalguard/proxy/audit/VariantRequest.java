package dev.refusalguard.proxy.audit;

/**
 * What is sent upstream for one (prompt, variant).
 *
 * @param system system text, or null for none
 * @param user   the user message
 */
record VariantRequest(String system, String user) {
}
