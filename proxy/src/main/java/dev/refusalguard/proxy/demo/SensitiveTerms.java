package dev.refusalguard.proxy.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo upstream's own list of security-sensitive words: the words that make the simulated model
 * nervous: attack-tool vocabulary, not everyday defensive words ("malicious", "attack", "threat" are
 * left out because defensive requests are full of them). It is deliberately separate from the proxy's rephrase lexicon (policies module), so the
 * simulator stays an independent "model" that the proxy has to cope with.
 *
 * <p>Each entry is a canonical term and a case-insensitive pattern with word boundaries. "shell" alone
 * counts, "shell script" does not (real models do not flinch at shell scripts).
 */
public final class SensitiveTerms {

    private static final Map<String, Pattern> TERMS = new LinkedHashMap<>();

    static {
        term("exploit", "exploit(?:s|ed|ing|ation|able)?");
        term("payload", "payloads?");
        term("shellcode", "shellcodes?");
        term("reverse shell", "reverse[ -]shells?");
        term("shell", "(?<!reverse[ -])(?<!web[ -])(?<!bind[ -])shells?(?![ -]?scripts?)(?![ -]?code)");
        term("web shell", "web[ -]?shells?");
        term("malware", "malware");
        term("ransomware", "ransomware");
        term("rootkit", "rootkits?");
        term("backdoor", "back[ -]?doors?(?:ed)?");
        term("keylogger", "key[ -]?loggers?");
        term("trojan", "trojans?");
        term("botnet", "botnets?");
        term("c2", "c2|c&c|command[ -]and[ -]control");
        term("privilege escalation", "privilege[ -]escalation|escalate (?:\\w+ )?privileges?");
        term("lateral movement", "lateral[ -]movement");
        term("exfiltration", "exfiltrat(?:e|es|ed|ing|ion)");
        term("injection", "inject(?:s|ed|ing|ion)?");
        term("obfuscation", "obfuscat(?:e|es|ed|ing|ion)");
        term("evasion", "evasion|evad(?:e|es|ed|ing)");
        term("bypass", "bypass(?:es|ed|ing)?");
        term("brute force", "brute[ -]?forc(?:e|es|ed|ing)");
        term("password cracking", "crack(?:s|ed|ing)? (?:\\w+ )?(?:passwords?|hashes)|password[ -]cracking");
        term("phishing", "phishing");
        term("hacking", "hack(?:s|ed|ing|ers?)?");
        term("zero-day", "zero[ -]day|0[ -]?day");
        term("mimikatz", "mimikatz");
        term("metasploit", "metasploit|meterpreter");
        term("cobalt strike", "cobalt[ -]strike");
        term("credential dumping", "credential[ -](?:dump(?:ing)?|theft|harvesting)");
        term("weaponize", "weaponi[sz](?:e|es|ed|ing|ation)");
    }

    private SensitiveTerms() {
    }

    private static void term(String canonical, String regex) {
        TERMS.put(canonical, Pattern.compile("(?<![\\w-])(?:" + regex + ")(?![\\w])", Pattern.CASE_INSENSITIVE));
    }

    /** Canonical forms of the sensitive terms found in {@code text}, in list order, each once. */
    public static List<String> find(String text) {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, Pattern> e : TERMS.entrySet()) {
            Matcher m = e.getValue().matcher(text);
            if (m.find()) {
                found.add(e.getKey());
            }
        }
        return List.copyOf(found);
    }

    /** Every canonical term, in list order (for documentation and tests). */
    public static List<String> canonicalTerms() {
        return List.copyOf(TERMS.keySet());
    }
}
