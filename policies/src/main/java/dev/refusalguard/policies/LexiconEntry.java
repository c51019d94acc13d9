package dev.refusalguard.policies;

import java.util.Map;

/**
 * One sensitive term of the lexicon with its neutral equivalents.
 *
 * @param term     canonical lower-case term (reported in {@link RequestAnalysis#sensitiveTerms()})
 * @param forms    every surface form (lower case, single spaces) mapped to the neutral text that replaces it;
 *                 includes the term itself, its plural when countable, and any extra forms
 * @param acronym  the term is an acronym (C2): the case of the original does not style the replacement
 */
public record LexiconEntry(String term, Map<String, String> forms, boolean acronym) {

    public LexiconEntry {
        if (term == null || term.isBlank()) {
            throw new IllegalArgumentException("term: required");
        }
        forms = Map.copyOf(forms);
        if (forms.isEmpty()) {
            throw new IllegalArgumentException("forms: at least one surface form required for '" + term + "'");
        }
    }
}
