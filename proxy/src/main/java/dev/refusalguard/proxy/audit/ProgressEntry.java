package dev.refusalguard.proxy.audit;

/**
 * One line of DIR/progress.jsonl: the result of one (prompt, variant). Prompts are never stored; the answer
 * excerpt only with --keep-text.
 *
 * @param id             prompt id
 * @param variant        variant wire name
 * @param model          model audited (a resumed run must use the same)
 * @param category       category used for the prompt
 * @param sensitive      the original prompt has sensitive terms
 * @param refused        the answer was a refusal
 * @param signal         what detected it (provider signal or classifier), null when not refused
 * @param refusalClass   classifier class or hard_refusal for provider signals
 * @param score          refusal score
 * @param status         HTTP status of the answer
 * @param latencyMillis  request time
 * @param finishedAt     ISO-8601 time the answer arrived
 * @param answerExcerpt  first characters of the answer with --keep-text, else null
 */
record ProgressEntry(String id,
                     String variant,
                     String model,
                     String category,
                     boolean sensitive,
                     boolean refused,
                     String signal,
                     String refusalClass,
                     double score,
                     int status,
                     long latencyMillis,
                     String finishedAt,
                     String answerExcerpt) {

    String key() {
        return key(id, variant);
    }

    static String key(String id, String variant) {
        return id + '\u0000' + variant;
    }
}
