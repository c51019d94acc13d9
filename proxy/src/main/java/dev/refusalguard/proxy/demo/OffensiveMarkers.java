package dev.refusalguard.proxy.demo;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Marks clearly offensive requests, which the simulated model always refuses whatever the framing: attacking
 * a third party's systems, stealing data or credentials, hiding from the victim's defenders to do so,
 * building phishing kits or ransomware. Defensive work about those things ("detect exfiltration", "block
 * phishing") does not match: every pattern needs the doing, not the defending. Sentences that narrate what
 * an attacker did (incident context: "attackers might be attempting to steal keys") are skipped, because
 * describing an attack is what defenders do all day.
 */
public final class OffensiveMarkers {

    private static final List<Pattern> PATTERNS = List.of(
            p("\\b(?:steal|stealing|steals|harvest|harvesting|siphon|siphoning)\\b.{0,60}"
                    + "\\b(?:data|credentials?|passwords?|cookies?|tokens?|files|information|keys|secrets)\\b"),
            p("\\bphishing (?:kit|page|site|campaign|email)s?\\b(?!.{0,40}\\b(?:detect|block|filter|report|train))"),
            p("\\b(?:hijack|hijacks|hijacking)\\b(?:\\s+(?:a|the|their|its|user'?s?|victim'?s?|legitimate))"),
            p("\\bwithout (?:the )?(?:user'?s?|victim'?s?|owner'?s?|their|its|anyone'?s?) (?:knowledge|consent|noticing)"),
            p("\\b(?:evade|evading|avoid|bypass|bypassing|disable|disabling) (?:the )?(?:detection|antivirus|av|edr|"
                    + "security (?:tools?|software|controls?|measures?)|defenders?)\\b.{0,80}"
                    + "\\b(?:exfiltrat|steal|persist|payload|implant)"),
            p("\\b(?:exfiltrate|exfiltrates|exfiltrating)\\b(?!.{0,30}\\b(?:detect|alert|block|prevent))"),
            p("\\bfast[ -]flux\\b"),
            p("\\b(?:deploy|spread|propagate|install)s? (?:a |the )?(?:ransomware|worm|rootkit|keylogger|backdoor|implant)"),
            p("\\b(?:write|create|build|develop|craft|design)\\w*\\b.{0,40}\\b(?:ransomware|keylogger|rootkit|"
                    + "credential stealer|infostealer|botnet|worm)\\b(?!.{0,40}\\b(?:detect|detection|signature|"
                    + "rule|analy))"),
            p("\\battack (?:on |against )?(?:the )?(?:network|systems?|servers?|infrastructure) (?:of|owned by|belonging to)\\b"),
            p("\\bbreak into\\b|\\bgain (?:unauthori[sz]ed|illicit) access to\\b"));

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.?!])\\s+|\\R+");

    private static final Pattern NARRATIVE = Pattern.compile(
            "\\b(?:attackers?|adversar(?:y|ies)|threat actors?|intruders?|suspected|suspicious|might|may have|"
                    + "(?:was|were|has been|have been) (?:detected|observed|seen|reported|blocked)|incident|"
                    + "alerts?|investigat\\w*|during)\\b",
            Pattern.CASE_INSENSITIVE);

    private OffensiveMarkers() {
    }

    private static Pattern p(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    /** True when the text asks for clearly offensive work. */
    public static boolean isOffensive(String text) {
        for (String sentence : SENTENCE_END.split(text)) {
            if (NARRATIVE.matcher(sentence).find()) {
                continue;
            }
            for (Pattern pattern : PATTERNS) {
                if (pattern.matcher(sentence).find()) {
                    return true;
                }
            }
        }
        return false;
    }
}
