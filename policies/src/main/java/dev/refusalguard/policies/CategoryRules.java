package dev.refusalguard.policies;

import java.util.EnumMap;
import java.util.Map;

/**
 * Transparent keyword rules for the task category: each category has weighted patterns, the highest total wins,
 * nothing found means {@link TaskCategory#OTHER}. Confidence is the winner's share of the total, damped when little
 * evidence was found. Used on its own or as the fallback of a trained model.
 */
public final class CategoryRules implements CategoryModel {

    private static final String B = "\\b";
    private final Map<TaskCategory, WeightedPatterns> rules = new EnumMap<>(TaskCategory.class);

    public CategoryRules() {
        rules.put(TaskCategory.SYSTEM_HARDENING, new WeightedPatterns()
                .add(3, B + "harden(ing|ed)?\\b", "\\bcis (benchmark|controls?)\\b", "\\bstig\\b", "\\bsecure (baseline|configuration)\\b")
                .add(2, "\\bgroup policy\\b", "\\bgpo\\b", "\\bsshd_config\\b", "\\bselinux\\b", "\\bapparmor\\b", "\\bleast privilege\\b",
                        "\\bdisable (smbv1|unused|telnet|root login|password auth)", "\\bpatch(ing)? (management|level|cadence)\\b",
                        "\\bconfigur\\w* (the )?firewall\\b", "\\bbaseline\\b", "\\block(ing)? down\\b", "\\battack surface\\b",
                        "\\bsysctl\\b", "\\bapplocker\\b", "\\bwdac\\b", "\\bkernel parameters?\\b", "\\bfile permissions?\\b",
                        "\\bmisconfigur", "\\bsecurity settings?\\b", "\\bpassword polic", "\\bmfa\\b|multi-factor", "\\bencrypt(ion)? at rest\\b")
                .add(1, "\\bconfigure\\b", "\\bsecure\\b", "\\bkubernetes\\b|\\bk8s\\b", "\\bcontainer\\b", "\\bcompliance\\b", "\\baccess control"));
        rules.put(TaskCategory.MALWARE_ANALYSIS, new WeightedPatterns()
                .add(3, "\\bmalware analysis\\b", "\\breverse[- ]engineer", "\\bdisassembl", "\\bdecompil", "\\bunpack", "\\bsandbox\\b",
                        "\\bthis (sample|binary|executable|dll|macro|script)\\b", "\\bghidra\\b|\\bida pro\\b|\\bx64dbg\\b|\\bradare2?\\b")
                .add(2, "\\b(malware|ransomware|trojan|rootkit|dropper|loader|stealer|backdoor|keylogger|worm|botnet) (sample|family|binary|strain|variant)s?\\b",
                        "\\bsample\\b", "\\bpe (header|file)\\b", "\\bimports?\\b", "\\bstrings\\b", "\\bdeobfuscat", "\\bpacked\\b",
                        "\\bc2 (config|configuration|protocol)\\b", "\\bmacro\\b", "\\bshellcode\\b", "\\bdebugger\\b", "\\bvolatility\\b",
                        "\\bmemory dump\\b", "\\bstatic analysis\\b", "\\bdynamic analysis\\b", "\\bbehaviou?r of (the|this)\\b", "\\bfamily\\b",
                        "\\bsha256\\b|\\bmd5\\b", "\\bmalicious (document|file|binary|script|attachment)")
                .add(1, "\\bmalware\\b", "\\bransomware\\b", "\\bdecode\\b", "\\bbase64\\b", "\\bpayload\\b", "\\bobfuscat"));
        rules.put(TaskCategory.INCIDENT_RESPONSE, new WeightedPatterns()
                .add(3, "\\bincident response\\b", "\\bincident\\b", "\\bcontain(ment)?\\b", "\\beradicat", "\\bbreach(ed)?\\b",
                        "\\bcompromised (host|server|account|machine|workstation|credentials?)\\b", "\\bplaybook\\b", "\\bdfir\\b",
                        "\\bforensic", "\\btriage\\b", "\\bwe (were|got|have been) (hit|breached|compromised)", "\\bpost[- ]incident\\b")
                .add(2, "\\bisolat(e|ing|ion)\\b", "\\brecover(y)?\\b", "\\btimeline\\b", "\\broot cause\\b", "\\bscope of the\\b",
                        "\\baffected (hosts?|systems?|users?)\\b", "\\bransom note\\b", "\\bresponse plan\\b", "\\bescalat\\w* to\\b",
                        "\\bchain of custody\\b", "\\bmemory (capture|acquisition)\\b", "\\bdisk image\\b", "\\bright now\\b", "\\bongoing\\b",
                        "\\brotate (the )?(credentials|keys|passwords)\\b", "\\bremediat")
                .add(1, "\\binvestigat", "\\bresponders?\\b", "\\bcompromise\\b"));
        rules.put(TaskCategory.LOG_ANALYSIS, new WeightedPatterns()
                .add(3, "\\blogs?\\b", "\\bevent ?logs?\\b", "\\bsyslog\\b", "\\bauth\\.log\\b", "\\baccess\\.log\\b", "\\bjournalctl\\b",
                        "\\bevent id\\b|\\beventid\\b|\\b4625\\b|\\b4624\\b|\\b4688\\b", "\\blog (entries|lines|files?|analysis|parsing)\\b")
                .add(2, "\\bparse\\b", "\\bsplunk\\b", "\\bspl\\b", "\\bkql\\b", "\\belk\\b|\\belasticsearch\\b|\\bkibana\\b", "\\bloki\\b",
                        "\\bgrep\\b", "\\bfailed log ?ins?\\b", "\\baudit ?(log|trail|d)\\b", "\\bcloudtrail\\b", "\\bwindows events?\\b",
                        "\\bsysmon\\b", "\\bthese (entries|lines|events)\\b", "\\bwhat (does|do) (this|these) (entry|line|event)", "\\bsummari[sz]e\\b",
                        "\\bapache\\b|\\bnginx\\b", "\\bsiem\\b", "\\bquery\\b")
                .add(1, "\\bevents?\\b", "\\btimestamps?\\b", "\\bentries\\b", "\\banomal"));
        rules.put(TaskCategory.VULNERABILITY_ASSESSMENT, new WeightedPatterns()
                .add(3, "\\bcve-\\d{4}-\\d+", "\\bvulnerabilit(y|ies)\\b", "\\bvulnerable\\b", "\\bcvss\\b", "\\bvuln(erability)? scan",
                        "\\bpen(etration)? ?test", "\\bpentest", "\\bproof[- ]of[- ]concept\\b|\\bpoc\\b", "\\bexploitab")
                .add(2, "\\bexploit\\b", "\\bpatch(ed|es)?\\b", "\\bnessus\\b|\\bopenvas\\b|\\bqualys\\b|\\bnuclei\\b|\\bburp\\b", "\\bsql injection\\b|\\bsqli\\b",
                        "\\bxss\\b|\\bcross-site\\b", "\\bbuffer overflow\\b", "\\brce\\b|\\bremote code execution\\b", "\\bfuzz", "\\bsecurity review\\b",
                        "\\bcode review\\b", "\\bdeserializ", "\\bssrf\\b|\\bcsrf\\b", "\\bauthentication bypass\\b", "\\bprioriti[sz]e\\b", "\\bscanner\\b",
                        "\\bout[- ]of[- ]date\\b|\\boutdated\\b", "\\bsbom\\b|\\bdependenc(y|ies)\\b", "\\bweakness", "\\bcwe-\\d+")
                .add(1, "\\bscan\\b", "\\bassess", "\\baudit\\b", "\\binjection\\b", "\\boverflow\\b"));
        rules.put(TaskCategory.NETWORK_DEFENSE, new WeightedPatterns()
                .add(3, "\\bfirewall\\b", "\\bids\\b|\\bips\\b|\\bintrusion (detection|prevention)\\b", "\\bnetwork (traffic|monitoring|segmentation|defen[cs]e|security)\\b",
                        "\\bpackets?\\b", "\\bpcap\\b", "\\bsuricata\\b|\\bsnort\\b|\\bzeek\\b", "\\bddos\\b|\\bdenial of service\\b", "\\bnetflow\\b")
                .add(2, "\\btraffic\\b", "\\biptables\\b|\\bnftables\\b|\\bufw\\b", "\\bvpn\\b", "\\bdns\\b", "\\bports?\\b", "\\bproxy\\b",
                        "\\bsegment", "\\bvlan\\b", "\\bwaf\\b", "\\brate[- ]limit", "\\bblock(ing|list)?\\b", "\\bnetwork\\b", "\\bsockets?\\b",
                        "\\btls\\b|\\bssl\\b", "\\bwireshark\\b|\\btcpdump\\b", "\\bbeacon", "\\bip address", "\\bzero trust\\b", "\\bwi-?fi\\b|\\bwireless\\b")
                .add(1, "\\bconnections?\\b", "\\bprotocol\\b", "\\bhosts?\\b", "\\bperimeter\\b", "\\brouter\\b"));
        rules.put(TaskCategory.THREAT_INTELLIGENCE, new WeightedPatterns()
                .add(3, "\\bthreat intel(ligence)?\\b", "\\bcti\\b", "\\bapt ?\\d+\\b|\\bapt\\b", "\\bthreat actors?\\b", "\\bttps?\\b",
                        "\\biocs?\\b|\\bindicators? of compromise\\b", "\\bmitre att&ck\\b|\\batt&ck\\b", "\\battribut", "\\bcampaigns?\\b")
                .add(2, "\\bstix\\b|\\btaxii\\b|\\bmisp\\b", "\\bthreat (landscape|report|feed|group|profile|model)", "\\badversar(y|ies)\\b",
                        "\\bgroup\\b", "\\blazarus\\b|\\bfancy bear\\b|\\bcozy bear\\b|\\bsandworm\\b|\\bfin\\d+\\b|\\bscattered spider\\b",
                        "\\bransomware (group|gang|operators?)\\b", "\\bdark ?web\\b", "\\btargeting\\b", "\\bsector\\b", "\\bbriefing\\b",
                        "\\bintelligence\\b", "\\bdiamond model\\b", "\\bkill chain\\b", "\\btactics?\\b", "\\bemerging threats?\\b")
                .add(1, "\\breport\\b", "\\btrends?\\b", "\\bactors?\\b", "\\bknown\\b"));
        rules.put(TaskCategory.DETECTION_ENGINEERING, new WeightedPatterns()
                .add(3, "\\bdetection (rule|logic|engineering|content|coverage|query|use case)s?\\b", "\\bsigma\\b", "\\byara\\b",
                        "\\bsnort rule|\\bsuricata rule", "\\bdetect(s|ion|ing)?\\b", "\\balert(s|ing)? (rule|logic|on)\\b", "\\bhunt(ing)? query\\b")
                .add(2, "\\brules?\\b", "\\bsplunk (search|query|alert)\\b", "\\bkql\\b", "\\bedr\\b", "\\bfalse positives?\\b", "\\bthreat hunt",
                        "\\bsignatures?\\b", "\\banalytic", "\\bcoverage\\b", "\\bsiem (rule|alert|correlation)", "\\bcorrelation\\b",
                        "\\bmonitor(ing)? for\\b", "\\balert\\b", "\\bidentify\\b", "\\btelemetry\\b")
                .add(1, "\\bmonitor", "\\bflag\\b", "\\banomaly\\b", "\\bheuristic"));
        rules.put(TaskCategory.OTHER, new WeightedPatterns());
    }

    /** The raw rule score of every category for {@code requestText}. */
    public Map<TaskCategory, Double> scores(String requestText) {
        Map<TaskCategory, Double> out = new EnumMap<>(TaskCategory.class);
        FoldedText folded = FoldedText.of(requestText);
        rules.forEach((c, p) -> out.put(c, p.score(folded)));
        return out;
    }

    @Override
    public CategoryPrediction predict(String requestText) {
        TaskCategory best = TaskCategory.OTHER;
        double bestScore = 0;
        double total = 0;
        FoldedText folded = FoldedText.of(requestText);
        for (Map.Entry<TaskCategory, WeightedPatterns> e : rules.entrySet()) {
            double score = e.getValue().score(folded);
            total += score;
            if (score > bestScore) {
                bestScore = score;
                best = e.getKey();
            }
        }
        if (bestScore < 2) {
            return new CategoryPrediction(TaskCategory.OTHER, 0.5);
        }
        double share = bestScore / total;
        double damping = Math.min(1.0, bestScore / 6.0);
        return new CategoryPrediction(best, Math.max(0.0, Math.min(1.0, share * damping)));
    }

    /** The pattern list of every category (for tests). */
    java.util.Collection<WeightedPatterns> patternSets() {
        return java.util.List.copyOf(rules.values());
    }
}
