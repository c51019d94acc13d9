package dev.refusalguard.policies;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The term matcher's pre-check (length and first chars of a token, before the lower-cased lookup) lets through every
 * token that lower-cases to a lexicon form, including tokens whose upper-case chars lower-case to ASCII from outside
 * ASCII (KELVIN SIGN) and mixed-case forms.
 */
class TermMatcherPrecheckTest {

    private final Rephraser rephraser = new Rephraser(SensitiveTermLexicon.loadDefault());

    @Test
    void findsFormsWrittenWithCharsThatLowerCaseToAscii() {
        assertThat(rephraser.sensitiveTerms("a \u212AEYLOGGER here")).containsExactly("keylogger");
        assertThat(rephraser.sensitiveTerms("\u212Aeylogger")).containsExactly("keylogger");
        assertThat(rephraser.sensitiveTerms("ExPlOiT and C2 and c&C")).contains("exploit", "c2");
    }

    @Test
    void everyLexiconFormIsFoundInAnyCaseStyle() {
        SensitiveTermLexicon lexicon = SensitiveTermLexicon.loadDefault();
        int checked = 0;
        for (TaskCategory category : TaskCategory.values()) {
            for (LexiconEntry e : lexicon.entries(category)) {
                for (String form : e.forms().keySet()) {
                    for (String styled : new String[] {form, form.toUpperCase(Locale.ROOT), capitalised(form)}) {
                        assertThat(rephraser.sensitiveTerms("see " + styled + " now")).as(styled).contains(e.term());
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
