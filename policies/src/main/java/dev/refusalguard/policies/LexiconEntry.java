package dev.refusalguard.policies;

import java.util.Map;
import java.util.Set;

/**
 * One sensitive term of the lexicon with its neutral equivalents.
 *
 * @param term     canonical lower-case term (reported in {@link RequestAnalysis#sensitiveTerms()})
 * @param forms    every surface form (lower case, single spaces) mapped to the neutral text that replaces it;
 *                 includes the term itself, its plural when countable, and any extra forms
 * @param acronym  the term is an acronym (C2): the case of the original does not style the replacement
 * @param keep     longer surface forms containing the term that are not sensitive ("shell script"): left as
 *                 written and not reported
 */
public record LexiconEntry(String term, Map<String, String> forms, boolean acronym, Set<String> keep) {

    public LexiconEntry {
        if (term == null || term.isBlank()) {
            throw new IllegalArgumentException("term: required");
        }
        forms = Map.copyOf(forms);
        if (forms.isEmpty()) {
            throw new IllegalArgumentException("forms: at least one surface form required for '" + term + "'");
        }
        keep = Set.copyOf(keep);
        for (String k : keep) {
            if (forms.containsKey(k)) {
                throw new IllegalArgumentException("keep: '" + k + "' is also a replaced form of '" + term + "'");
            }
        }
    }

    /** An entry without kept forms. */
    public LexiconEntry(String term, Map<String, String> forms, boolean acronym) {
        this(term, forms, acronym, Set.of());
    }
}
