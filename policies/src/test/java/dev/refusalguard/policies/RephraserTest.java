package dev.refusalguard.policies;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RephraserTest {

    private static final Rephraser REPHRASER = new Rephraser(SensitiveTermLexicon.loadDefault());

    private static String rephrase(String text) {
        return REPHRASER.rephrase(text, TaskCategory.OTHER).text();
    }

    @Test
    void replacesWholeWordsOnly() {
        assertThat(rephrase("the exploit works")).isEqualTo("the proof of concept works");
        assertThat(rephrase("exploitdb and anti-malware and malware-free")).isEqualTo("exploitdb and anti-malware and malware-free");
    }

    @Test
    void keepsCaseStyleOfTheOriginal() {
        assertThat(rephrase("Exploit found")).isEqualTo("Proof of concept found");
        assertThat(rephrase("EXPLOIT NOW")).isEqualTo("PROOF OF CONCEPT NOW");
        assertThat(rephrase("Reverse Shell Handler")).isEqualTo("Callback Remote Session Handler");
    }

    @Test
    void handlesPluralsAndExtraForms() {
        assertThat(rephrase("two exploits, three payloads")).isEqualTo("two proofs of concept, three delivered components");
        assertThat(rephrase("attackers exfiltrated data")).isEqualTo("threat actors transferred out data");
    }

    @Test
    void exploitAsAVerbGetsAVerb() {
        assertThat(rephrase("Attackers exploit the flaw to exploit our VPN; they could exploit it again"))
                .isEqualTo("Threat actors abuse the flaw to abuse our VPN; they could abuse it again");
        assertThat(REPHRASER.rephrase("JNDI lookups used to exploit vulnerabilities", TaskCategory.VULNERABILITY_ASSESSMENT).text())
                .isEqualTo("JNDI lookups used to abuse vulnerabilities");
        assertThat(REPHRASER.rephrase("How to exploit weak ACLs", TaskCategory.SYSTEM_HARDENING).text())
                .isEqualTo("How to abuse weak ACLs");
    }

    @Test
    void coversWordFormsOfTheStudysSensitiveWords() {
        assertThat(rephrase("an interactive shell and shell commands"))
                .isEqualTo("an interactive terminal and terminal commands");
        assertThat(rephrase("a SQL injection; a process injected code"))
                .isEqualTo("a SQL query tampering; a process inserted code");
        assertThat(rephrase("a credential theft tool and a credential dump"))
                .isEqualTo("a credential compromise tool and a credential store extraction");
        assertThat(rephrase("they escalate their privileges, move laterally and crack password hashes"))
                .isEqualTo("they elevate their permissions, spread internally and recover passwords from hashes");
        assertThat(rephrase("a back door, a key-logger, a 0-day and spear-phishing"))
                .isEqualTo("a hidden access path, a keystroke recorder, a previously unknown vulnerability and targeted deceptive messaging");
        assertThat(rephrase("bruteforcing logins")).isEqualTo("repeated guessing logins");
    }

    @Test
    void keptFormsAreLeftAsWrittenAndNotReported() {
        assertThat(rephrase("Write a shell script that rotates logs")).isEqualTo("Write a shell script that rotates logs");
        assertThat(REPHRASER.sensitiveTerms("Write a shell script that rotates logs")).isEmpty();
        assertThat(REPHRASER.sensitiveTerms("Open a shell")).containsExactly("shell");
    }

    @Test
    void aTermBeforeAnEnglishCompoundSuffixIsReplacedButNotInsideIdentifiers() {
        assertThat(rephrase("hosts with ransomware-like behaviour and exploit-based access"))
                .isEqualTo("hosts with data-encrypting software-like behaviour and proof of concept-based access");
        assertThat(rephrase("see exploit-db and malware-free and malware-like.txt"))
                .isEqualTo("see exploit-db and malware-free and malware-like.txt");
    }

    @Test
    void multiWordTermsMatchAcrossHyphensAndSpaces() {
        assertThat(rephrase("a command-and-control channel")).isEqualTo("a remote coordination channel");
        assertThat(rephrase("detect brute  force logins")).isEqualTo("detect repeated login guessing logins");
    }

    @Test
    void correctsTheArticleBeforeTheReplacement() {
        assertThat(rephrase("an exploit")).isEqualTo("a proof of concept");
        assertThat(rephrase("An attack started")).isEqualTo("An intrusion attempt started");
        assertThat(rephrase("a hack")).isEqualTo("an intrusion");
    }

    @Test
    void acronymsAreNotUpperCasedButCapitaliseAtSentenceStart() {
        assertThat(rephrase("the C2 server. C2 traffic")).isEqualTo("the remote coordination server. Remote coordination traffic");
    }

    @Test
    void usesCategorySpecificNeutrals() {
        assertThat(REPHRASER.rephrase("unpack the payload", TaskCategory.MALWARE_ANALYSIS).text())
                .isEqualTo("unpack the embedded component");
        assertThat(REPHRASER.rephrase("unpack the payload", TaskCategory.LOG_ANALYSIS).text())
                .isEqualTo("unpack the delivered component");
    }

    @Test
    void rephraseNeverChangesFencedCode() {
        String text = "Explain this exploit:\n```python\nexploit = build_payload()\n```\nthanks";
        assertThat(rephrase(text)).isEqualTo("Explain this proof of concept:\n```python\nexploit = build_payload()\n```\nthanks");
    }

    @Test
    void rephraseNeverChangesInlineCodeQuotesPathsOrIndicators() {
        String text = "`exploit.py` \"the payload\" /opt/malware/run C:\\Tools\\backdoor.exe "
                + "HKLM\\Software\\Run\\backdoor hack.example.org exploit@corp.example https://x.example/payload "
                + "CVE-2021-44228 T1059.001";
        assertThat(rephrase(text)).isEqualTo(text);
    }

    @Test
    void rephraseNeverChangesLogAndCommandLines() {
        String text = "2026-01-02T10:00:00Z sshd[42]: brute force attack from 10.1.2.3\n"
                + "> the attacker dropped a payload\n"
                + "$ grep -i exploit /var/log/auth.log\n"
                + "nmap -sV --script exploit 10.0.0.5\n"
                + "user=root action=exploit\n"
                + "Why is this an attack?";
        assertThat(rephrase(text)).isEqualTo(text.replace("Why is this an attack?", "Why is this an intrusion attempt?"));
    }

    @Test
    void reportsReplacementsWithOffsetsIntoTheOriginal() {
        Rephrasing r = REPHRASER.rephrase("find the malware now", TaskCategory.OTHER);
        assertThat(r.changed()).isTrue();
        assertThat(r.replacements()).containsExactly(new TermReplacement("malware", "suspicious software", 9, 16));
        assertThat(r.original().substring(9, 16)).isEqualTo("malware");
    }

    @Test
    void unchangedTextIsReportedUnchanged() {
        Rephrasing r = REPHRASER.rephrase("summarise these firewall logs", TaskCategory.LOG_ANALYSIS);
        assertThat(r.changed()).isFalse();
        assertThat(r.text()).isSameAs(r.original());
    }

    @Test
    void sensitiveTermsAreFoundEverywhereIncludingEvidence() {
        assertThat(REPHRASER.sensitiveTerms("Exploits in `payload.bin` and a reverse-shell"))
                .containsExactly("exploit", "payload", "reverse shell");
    }
}
