package dev.refusalguard.proxy.demo;

import dev.refusalguard.policies.TaskCategory;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's own keyword tagger for task categories. Each category has a list of cue patterns; a text's
 * category is the one with the highest cue score, where a match in the ask (the first sentence that is not
 * a free-text authorization claim) scores
 * {@value #ASK_WEIGHT} and a match elsewhere (context, evidence) scores 1; ties go to the earlier
 * {@link TaskCategory} constant; no cue at all gives {@link TaskCategory#OTHER}.
 *
 * <p>The same tagger labels the bundled prompt set and every request the simulated model receives, so a
 * rephrased request is re-tagged exactly like the original.
 */
public final class CategoryTagger {

    static final int ASK_WEIGHT = 3;

    private static final Pattern SENTENCE_END = Pattern.compile("[.?!](?=\\s)|\\R");

    private static final Map<TaskCategory, Pattern> CUES = new EnumMap<>(TaskCategory.class);

    static {
        cues(TaskCategory.SYSTEM_HARDENING,
                "harden(?:s|ed|ing)?", "secure (?:the )?configuration", "configuration files?", "permissions?",
                "access control", "unauthori[sz]ed access", "patch(?:es|ing)?", "least privilege",
                "baseline", "cis benchmark", "selinux", "apparmor", "sudoers?", "password polic(?:y|ies)",
                "encryption keys?", "rotate", "lock(?:s|ed)? down", "disable unnecessary");
        cues(TaskCategory.MALWARE_ANALYSIS,
                "malware", "samples?", "reverse[ -]engineer(?:s|ed|ing)?", "disassembl(?:e|er|y|ing)",
                "decompil(?:e|er|ing)", "sandbox", "hybrid analysis", "unpack(?:s|ed|ing|er)?", "executable",
                "ransomware", "trojans?", "dll", "persistence techniques?", "strings? in the binary", "binary");
        cues(TaskCategory.LOG_ANALYSIS,
                "logs", "log files?", "log entr(?:y|ies)", "log data", "log messages?", "log analysis",
                "syslog", "event logs?", "audit logs?", "access logs?", "kql", "splunk", "journald?",
                "parse (?:the )?log", "windows event");
        cues(TaskCategory.INCIDENT_RESPONSE,
                "incidents?", "compromised?", "containment", "contain", "forensics?", "triage",
                "breach(?:es|ed)?", "remediat(?:e|ion)", "investigat(?:e|ion|ing)", "affected hosts?",
                "on (?:the )?(?:host|device)", "activity group");
        cues(TaskCategory.VULNERABILITY_ASSESSMENT,
                "vulnerabilit(?:y|ies)", "cve-\\d{4}-\\d+", "cves?", "scan(?:s|ner|ning)?",
                "penetration test(?:s|ing)?", "pentest(?:s|ing)?", "security assessment", "buffer overflows?",
                "misconfigurations?", "weakness(?:es)?", "exploit(?:s|ed|ation|able)?");
        cues(TaskCategory.NETWORK_DEFENSE,
                "network traffic", "traffic", "packets?", "firewalls?", "ip address(?:es)?", "ddos",
                "intrusion", "ports?", "dns", "iptables", "network segmentation", "vpn", "proxy");
        cues(TaskCategory.THREAT_INTELLIGENCE,
                "threat intel(?:ligence)?", "threat actors?", "apt\\d*", "iocs?", "indicators? of compromise",
                "campaigns?", "ttps?", "att&ck", "t1\\d{3}(?:\\.\\d{3})?", "threat feeds?", "threat reports?",
                "attribution");
        cues(TaskCategory.DETECTION_ENGINEERING,
                "detection rules?", "sigma", "yara", "signatures?", "detect(?:s|ed|ing|ion)?",
                "anomal(?:y|ies|ous)", "alert(?:s|ing)?", "monitor(?:s|ed|ing)?", "siem", "edr", "heuristics?");
    }

    private CategoryTagger() {
    }

    private static void cues(TaskCategory category, String... regexes) {
        CUES.put(category, Pattern.compile("(?<![\\w-])(?:" + String.join("|", regexes) + ")(?![\\w])"));
    }

    /** The category with the most cue matches in {@code text}; OTHER when nothing matches. */
    public static TaskCategory tag(String text) {
        int askStart = 0;
        int askEnd = text.length();
        Matcher end = SENTENCE_END.matcher(text);
        while (end.find()) {
            if (!AuthorizationSignals.hasFreeTextClaim(text.substring(askStart, end.start()))) {
                askEnd = end.start();
                break;
            }
            askStart = end.end();
        }
        TaskCategory best = TaskCategory.OTHER;
        int bestCount = 0;
        String lower = text.toLowerCase(Locale.ROOT);
        for (Map.Entry<TaskCategory, Pattern> e : CUES.entrySet()) {
            int count = 0;
            Matcher m = e.getValue().matcher(lower);
            while (m.find()) {
                count += m.start() >= askStart && m.start() < askEnd ? ASK_WEIGHT : 1;
            }
            if (count > bestCount) {
                best = e.getKey();
                bestCount = count;
            }
        }
        return best;
    }
}
