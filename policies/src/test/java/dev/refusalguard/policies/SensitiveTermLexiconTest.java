package dev.refusalguard.policies;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SensitiveTermLexiconTest {

    private static SensitiveTermLexicon parse(String yaml) throws Exception {
        return SensitiveTermLexicon.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }

    @Test
    void defaultLexiconHoldsTheStudyTerms() {
        assertThat(SensitiveTermLexicon.loadDefault().canonicalTerms())
                .contains("exploit", "payload", "shellcode", "reverse shell", "malware", "c2", "command and control",
                        "backdoor", "rootkit", "keylogger", "ransomware", "privilege escalation", "lateral movement",
                        "exfiltration", "brute force", "phishing", "hack", "attack", "weaponize", "obfuscate",
                        "evasion", "persistence", "dropper", "beacon");
    }

    @Test
    void categoryEntriesOverrideAll() throws Exception {
        SensitiveTermLexicon lexicon = parse("""
                version: 1
                categories:
                  all:
                    - {term: payload, neutral: test input}
                  malware_analysis:
                    - {term: payload, neutral: embedded component}
                """);
        assertThat(lexicon.entries(TaskCategory.MALWARE_ANALYSIS).get(0).forms()).containsEntry("payloads", "embedded components");
        assertThat(lexicon.entries(TaskCategory.OTHER).get(0).forms()).containsEntry("payload", "test input");
    }

    @Test
    void keptFormsAreValidatedAndNamed() throws Exception {
        SensitiveTermLexicon lexicon = parse("version: 1\ncategories:\n  all:\n"
                + "    - {term: shell, neutral: terminal, keep: [shell script]}\n");
        assertThat(lexicon.entries(TaskCategory.OTHER).get(0).keep()).containsExactly("shell script");
        assertThatThrownBy(() -> parse("version: 1\ncategories:\n  all:\n"
                + "    - {term: shell, neutral: terminal, keep: [shells]}\n"))
                .hasMessageContaining("categories.all[0].keep[0]: duplicate surface form 'shells'");
        assertThatThrownBy(() -> parse("version: 1\ncategories:\n  all:\n"
                + "    - {term: shell, neutral: terminal, keep: shell script}\n"))
                .hasMessageContaining("categories.all[0].keep: expected a list");
    }

    @Test
    void unknownCategoryIsNamed() {
        assertThatThrownBy(() -> parse("version: 1\ncategories:\n  malware: []\n"))
                .hasMessageContaining("categories.malware: unknown category");
    }

    @Test
    void missingNeutralIsNamed() {
        assertThatThrownBy(() -> parse("version: 1\ncategories:\n  all:\n    - term: exploit\n"))
                .hasMessageContaining("categories.all[0].neutral: required");
    }

    @Test
    void unknownEntryKeyIsNamed() {
        assertThatThrownBy(() -> parse("version: 1\ncategories:\n  all:\n    - {term: hack, neutral: intrusion, nuetral_plural: x}\n"))
                .hasMessageContaining("categories.all[0].nuetral_plural: unknown key");
    }

    @Test
    void neutralContainingASensitiveTermIsRejected() {
        assertThatThrownBy(() -> parse("""
                version: 1
                categories:
                  all:
                    - {term: hack, neutral: intrusion}
                    - {term: exploit, neutral: hack attempt}
                """)).hasMessageContaining("categories.all[1].neutral").hasMessageContaining("'hack'");
    }

    @Test
    void neutralThatCouldJoinANeighbourIntoATermIsRejected() {
        assertThatThrownBy(() -> parse("""
                version: 1
                categories:
                  all:
                    - {term: code injection, neutral: code insertion}
                    - {term: shellcode, neutral: machine code, countable: false}
                """)).hasMessageContaining("could join a neighbouring word");
    }

    @Test
    void badNeutralOfAnExtraFormIsNamedByItsKey() {
        assertThatThrownBy(() -> parse("""
                version: 1
                categories:
                  all:
                    - {term: hack, neutral: intrusion, forms: {hacked: hack attempt}}
                """)).hasMessageContaining("categories.all[0].forms.hacked");
    }

    @Test
    void wrongVersionIsNamed() {
        assertThatThrownBy(() -> parse("version: 2\ncategories: {}\n")).hasMessageContaining("version: must be 1");
    }
}
