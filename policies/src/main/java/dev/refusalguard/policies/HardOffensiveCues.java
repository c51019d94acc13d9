package dev.refusalguard.policies;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * "Hard offensive" cues: a request that asks for working attack capability is offensive whatever purpose it states
 * ("for detection engineering", "I'm on the blue team", "to test our EDR"). {@link CombinedIntentModel} forces such
 * a request to OFFENSIVE (score 1.0); no defensive cue and no model score can lower it. The cues, each checked per
 * sentence:
 * <ul>
 *   <li>{@link Cue#BUILD_MALWARE}: the requester asks to build, write, make or be given malware as the direct object
 *   (keylogger, ransomware, infostealer, rootkit, RAT, trojan, backdoor, worm, botnet, spyware, wiper, virus,
 *   crypter, implant, malware, phishing or exploit kit). Not when a defensive artefact names what is asked for
 *   ("write a YARA rule for this keylogger", "build a ransomware detection", "create a ransomware playbook"), nor
 *   when the builder is a third party ("how do attackers build ransomware").</li>
 *   <li>{@link Cue#CAPABLE_ARTEFACT}: the requester asks for code, a tool, a payload or a message (script, program,
 *   binary, macro, email, page, ...) that evades a defence (hides from / evades / bypasses / gets past / avoids /
 *   is undetectable by antivirus, EDR, Defender, AMSI, detection, alerts, the SOC, a spam filter, DLP, ...; "without
 *   triggering alerts", "FUD"), steals or harvests credentials, logs keystrokes, exfiltrates credentials or exfiltrates
 *   covertly, or spreads itself. Not when the capability belongs to what the artefact should find ("a script that
 *   detects processes that hide from antivirus": a protective verb governs the capability, with no "and", "then" or
 *   comma between them).</li>
 *   <li>{@link Cue#STEAL_CREDENTIALS}: the requester steals or harvests someone's passwords, credentials, cookies,
 *   tokens, hashes, keys or MFA codes ("to steal the CFO's password"). Not when the thief is a third party being
 *   described ("how do attackers steal passwords", "malware that tries to steal tokens") or the verb follows a
 *   protective one ("stop them from stealing").</li>
 *   <li>{@link Cue#COVERT_EXFILTRATION}: the requester exfiltrates data covertly ("exfiltrate the database over DNS
 *   without triggering alerts", "covertly", "undetected"), with the same third-party and protective exceptions.</li>
 * </ul>
 * Where the line is: discussing how an attack or a technique works, detecting, hunting, analysing or mitigating it,
 * and running a public emulation test in one's own lab ("run the Atomic Red Team exfiltration test on our lab host")
 * are not hard cues (the trained model and {@link IntentRules} judge them). Asking for the capability itself is,
 * including evasion of one's own monitoring: a detection test wants the alert to fire, so a request not to trigger
 * it asks for stealth, not for a test. Thread-safe.
 */
public final class HardOffensiveCues {

    /** The kinds of hard cue, with their wire names. */
    public enum Cue {
        BUILD_MALWARE("build_malware"),
        CAPABLE_ARTEFACT("capable_artefact"),
        STEAL_CREDENTIALS("steal_credentials"),
        COVERT_EXFILTRATION("covert_exfiltration");

        private final String wireName;

        Cue(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    private static final Set<String> PRODUCE = Set.of("write", "writing", "build", "building", "create", "creating",
            "make", "making", "develop", "developing", "code", "program", "generate", "craft", "produce", "implement",
            "give", "provide", "send", "design", "assemble", "compile", "modify", "need", "needs", "want", "wants");

    private static final Set<String> MALWARE = Set.of("keylogger", "keyloggers", "ransomware", "infostealer",
            "infostealers", "stealer", "stealers", "rootkit", "rootkits", "bootkit", "rat", "trojan", "trojans",
            "backdoor", "backdoors", "worm", "worms", "botnet", "spyware", "stalkerware", "wiper", "wipers",
            "cryptojacker", "virus", "viruses", "malware", "crypter", "implant", "implants", "locker");

    /** Two-word malware names (first word, second word). */
    private static final Set<String> MALWARE_PAIRS = Set.of("keystroke logger", "credential stealer",
            "password stealer", "cookie stealer", "token stealer", "phishing kit", "exploit kit", "logic bomb",
            "access trojan", "credential harvester");

    private static final Set<String> CODE = Set.of("script", "scripts", "program", "programs", "tool", "tools",
            "code", "app", "application", "binary", "executable", "exe", "payload", "payloads", "loader", "dropper",
            "macro", "macros", "dll", "agent", "beacon", "shellcode", "one-liner", "oneliner", "function", "email",
            "emails", "e-mail", "message", "messages", "sms", "page", "site", "website", "extension", "plugin",
            "document", "attachment", "service", "module", "snippet", "bot", "stager", "lure");

    /** Nouns naming a defensive artefact: when one is what is asked for, the request is not for attack tooling. */
    private static final Set<String> DEFENSIVE_ARTEFACT = Set.of("detection", "detections", "detector", "detectors",
            "rule", "rules", "signature", "signatures", "scanner", "analysis", "analyses", "analyzer", "analyser",
            "report", "reports", "playbook", "playbooks", "runbook", "response", "incident", "indicators", "iocs",
            "ioc", "hunt", "hunting", "query", "queries", "triage", "timeline", "summary", "family", "families",
            "awareness", "training", "tabletop", "exercise", "scenario", "policy", "protection", "defense", "defence",
            "defenses", "removal", "remover", "cleanup", "recovery", "mitigation", "mitigations", "sample", "samples",
            "behaviour", "behavior", "writeup", "write-up", "classifier", "sandbox", "lab", "checklist", "dashboard",
            "alert", "alerts", "readiness", "resilience", "diagram", "overview", "presentation", "slide", "slides",
            "quiz", "course", "test-plan", "decryptor", "vaccine", "honeypot", "canary", "filter", "firewall");

    /** Words that end the object phrase after a production verb. */
    private static final Set<String> OBJECT_STOPS = Set.of("for", "to", "of", "about", "on", "against", "from",
            "in", "into", "that", "which", "who", "with", "without", "how", "why", "what", "when", "where", "and",
            "or", "but", "than", "as", "by", "if", "so", "because", "like", "is", "are", "was", "were");

    /** Verbs that, directly governing a capability, make it something to find rather than to have. */
    private static final Set<String> PROTECTIVE = Set.of("detect", "detects", "detecting", "catch", "catches",
            "catching", "flag", "flags", "flagging", "spot", "spots", "find", "finds", "finding", "identify",
            "identifies", "block", "blocks", "blocking", "stop", "stops", "stopping", "prevent", "prevents",
            "preventing", "alert", "alerts", "monitor", "monitors", "monitoring", "hunt", "hunts", "hunting", "scan",
            "scans", "scanning", "check", "checks", "checking", "list", "lists", "recognise", "recognises",
            "recognize", "recognizes", "protect", "protects", "protecting", "defend", "defends", "harden", "mitigate",
            "mitigates", "quarantine", "quarantines", "remove", "removes", "removing", "kill", "kills", "terminate",
            "terminates", "notice", "notices", "investigate", "analyse", "analyze", "analyses", "analyzes");

    /** Words that break a protective verb's hold on what follows. */
    private static final Set<String> CLAUSE_BREAKS = Set.of("and", "then", "also", "plus", "but", "while", ",", ";",
            ":", "(", ")");

    /** Third parties whose actions a defender describes. */
    private static final Set<String> THIRD_PARTY = Set.of("attacker", "attackers", "adversary", "adversaries",
            "actor", "actors", "criminal", "criminals", "hacker", "hackers", "malware", "it", "they", "stealer",
            "stealers", "trojan", "trojans", "ransomware", "sample", "samples", "binary", "implant", "implants",
            "group", "groups", "gang", "gangs", "operator", "operators", "campaign", "campaigns", "family",
            "families", "apt", "apts", "variant", "variants", "strain", "strains", "bot", "bots", "worm", "worms",
            "someone", "somebody", "insider", "insiders", "infostealer", "infostealers", "keylogger", "keyloggers",
            "extension", "extensions", "app", "apps", "site", "sites", "page", "pages", "emails", "phishers",
            "scammers", "criminals'", "authors", "developers", "crews", "kits", "tools", "techniques", "technique",
            "threats", "threat", "rat", "rats", "spyware", "backdoor", "people", "users", "employees", "email", "mail",
            "message", "messages", "link", "links", "lure", "lures", "script", "scripts", "macro", "macros", "document",
            "attachment", "payload", "dropper", "loader", "process", "processes", "program", "code", "file", "files",
            "server", "domain", "module", "plugin", "botnet", "this", "these");

    /** Words skipped when walking back from a verb to its subject. */
    private static final Set<String> SKIP_BACK = Set.of("to", "that", "which", "who", "can", "could", "will",
            "would", "might", "may", "do", "does", "did", "typically", "usually", "often", "commonly", "actually",
            "generally", "try", "tries", "tried", "trying", "attempt", "attempts", "attempted", "attempting",
            "designed", "used", "use", "uses", "able", "meant", "built", "is", "are", "was", "were", "be", "been",
            "from", "also", "still", "then", "how", "manage", "manages", "managed", "going", "want", "wants",
            "sometimes", "really", "not", "never", "just", "first", "again");

    private static final Set<String> CREDENTIAL = Set.of("password", "passwords", "passcode", "passcodes",
            "credential", "credentials", "creds", "login", "logins", "cookie", "cookies", "token", "tokens",
            "session", "sessions", "hash", "hashes", "key", "keys", "mfa", "2fa", "otp", "pin", "pins", "secret",
            "secrets", "wallet", "wallets", "seed", "shadow", "sam", "ntds", "ntds.dit", "lsass", "passwd", "keychain",
            "vault");

    private static final String CONTROL = "(?:antivirus|anti-virus|av|antimalware|anti-malware|edr|xdr|defender|amsi"
            + "|crowdstrike|falcon|sentinelone|sophos|carbon black|detections?|alerts?|alarms?|soc|siem|ids|ips|dlp"
            + "|(?:spam|email|e-mail|mail|content) (?:filters?|gateways?)|filters?|sandbox(?:es)?|security (?:tools|software"
            + "|products|controls|monitoring|team|stack)|monitoring|logging|sysmon|endpoint protection|the blue team"
            + "|analysts?|scanners?|ml models?|heuristics)";

    private static final WordStartPattern EVASION = WordStartPattern.compile(
            "\\b(?:hides?|hiding|hidden|evades?|evading|bypass(?:es|ing)?|gets? past|getting past|slips? past"
                    + "|sneaks? past|avoids?|avoiding|defeats?|defeating|undetect(?:ed|able)|invisible|unseen"
                    + "|unnoticed|fools?|fooling|circumvents?|circumventing)(?: (?:by|from|to|through|past))?"
                    + "(?: [\\w'-]+){0,3}? " + CONTROL + "\\b"
                    + "|\\bwithout (?:triggering|tripping|setting off|raising|firing)(?: [\\w'-]+){0,3}? (?:alerts?|alarms?"
                    + "|detections?|edr|xdr|av|antivirus|defender|siem|soc|ids|ips|dlp|suspicion|flags?|sensors?|monitoring"
                    + "|rules?|signatures?)\\b"
                    + "|\\bwithout alerting (?:the |our |their |any )?(?:soc|security|defenders?|blue team|admins?"
                    + "|administrators?|analysts?|it|edr|av|antivirus|siem)\\b"
                    + "|\\bwithout being (?:detected|flagged|caught|noticed|seen)\\b"
                    + "|\\bso (?:that )?(?:the |our |their |any |no )?(?:[\\w'-]+ ){0,2}?" + CONTROL + "(?: [\\w'-]+)? (?:never|won't"
                    + "|doesn't|don't|can't|cannot|will not|does not|do not|fails? to|stops?|stop) (?:sees?|seeing|detects?"
                    + "|detecting|notices?|noticing|flags?|flagging|catch(?:es|ing)?|picks? up|logs?)\\b"
                    + "|\\b(?:fud|fully undetectable|undetectable)\\b");

    private static final WordStartPattern COVERT = WordStartPattern.compile(EVASION.pattern().pattern()
            + "|\\b(?:covert(?:ly)?|stealth(?:ily|y)?|undetected|quietly|secretly|unnoticed)\\b");

    private static final WordStartPattern HARM = WordStartPattern.compile(
            "\\b(?:steals?|stealing|harvests?|harvesting|grabs?|grabbing)(?: [\\w'./-]+){0,3}? (?:"
                    + "passwords?|passcodes?|credentials?|creds|logins?|cookies?|tokens?|hashes|mfa|2fa|otp"
                    + "|secrets|wallets?|keychain)\\b"
                    + "|\\b(?:logs?|logging|captures?|capturing|records?|recording)(?: all| the| every| their)?"
                    + " (?:keystrokes|keypresses|key presses|typed passwords)\\b"
                    + "|\\bspreads? (?:itself )?(?:to|across|through|over)\\b|\\bself-(?:propagat|spread|replicat)\\w*"
                    + "|\\bencrypts?\\b[^.]*\\b(?:ransom|bitcoin|payment|decryption key)\\b");

/** Exfiltration verbs in an artefact's description ("a script that exfiltrates ..."). */
    private static final WordStartPattern EXFIL_VERB = WordStartPattern.compile("\\b(?:exfiltrate|exfiltrates|exfiltrating|exfil)\\b");

    /**
     * The requester's own exfiltration or theft: base forms only. A third-person form ("this group steals
     * credentials", "the sample exfiltrates data") describes someone else; an artefact asked for that does it is
     * {@link Cue#CAPABLE_ARTEFACT}.
     */
    private static final WordStartPattern OWN_EXFIL_VERB = WordStartPattern.compile("\\b(?:exfiltrate|exfiltrating|exfil)\\b");

    private static final WordStartPattern STEAL_VERB = WordStartPattern.compile("\\b(?:steal|stealing|harvest|harvesting)\\b");

    /** The hard cues found in {@code text}, in cue order (empty when none). */
    public Set<Cue> find(String text) {
        Set<Cue> found = EnumSet.noneOf(Cue.class);
        if (text == null || text.isBlank()) {
            return found;
        }
        String lower = FoldedText.of(text).lower().replace('\u2019', '\'').replace('\u2018', '\'');
        for (String sentence : CueText.sentences(lower)) {
            scanSentence(sentence, found);
        }
        return found;
    }

    /** The expressions searched at word starts (for tests). */
    static List<WordStartPattern> wordStartPatterns() {
        return List.of(EVASION, COVERT, HARM, EXFIL_VERB, OWN_EXFIL_VERB, STEAL_VERB);
    }

    /** Whether any hard cue is present. */
    public boolean present(String text) {
        return !find(text).isEmpty();
    }

    private static final CueText.WordHashes PRODUCE_WORDS = new CueText.WordHashes(PRODUCE);

    private static void scanSentence(String s, Set<Cue> found) {
        // Every cue needs a production verb token, a stealing verb or an exfiltration verb: most sentences (a log
        // line) have none and are dismissed without building their tokens.
        if (!CueText.anyTokenIn(s, PRODUCE_WORDS) && !WordStartSearch.find(STEAL_VERB, s)
                && !WordStartSearch.find(OWN_EXFIL_VERB, s)) {
            return;
        }
        List<CueText.Token> toks = CueText.tokens(s);
        for (int i = 0; i < toks.size(); i++) {
            String w = toks.get(i).word();
            if (PRODUCE.contains(w) && !describedThirdParty(toks, i)) {
                productionObject(s, toks, i, found);
            }
        }
        for (WordStartSearch m = new WordStartSearch(STEAL_VERB, s); m.next(); ) {
            int at = tokenAt(toks, m.start());
            if (at >= 0 && credentialFollows(toks, at) && !describedThirdParty(toks, at)) {
                found.add(Cue.STEAL_CREDENTIALS);
            }
        }
        for (WordStartSearch m = new WordStartSearch(OWN_EXFIL_VERB, s); m.next(); ) {
            int at = tokenAt(toks, m.start());
            if (at >= 0 && !describedThirdParty(toks, at)) {
                String rest = s.substring(m.end());
                WordStartSearch covert = new WordStartSearch(COVERT, rest);
                if ((covert.next() && !governedByProtectiveVerb(toks, at, tokenAt(toks, m.end() + covert.start())))
                        || credentialWithin(toks, at + 1, 8)) {
                    found.add(Cue.COVERT_EXFILTRATION);
                }
            }
        }
    }

    /** Looks at the object of the production verb at {@code verb}: malware, or code with an attack capability. */
    private static void productionObject(String s, List<CueText.Token> toks, int verb, Set<Cue> found) {
        for (int j = verb + 1; j < Math.min(toks.size(), verb + 7); j++) {
            String w = toks.get(j).word();
            String next = j + 1 < toks.size() ? toks.get(j + 1).word() : "";
            if (OBJECT_STOPS.contains(w) || CLAUSE_BREAKS.contains(w) || DEFENSIVE_ARTEFACT.contains(w)
                    || PROTECTIVE.contains(w)) {
                return;
            }
            boolean pair = MALWARE_PAIRS.contains(w + " " + next);
            if (MALWARE.contains(w) || pair) {
                int after = pair ? j + 2 : j + 1;
                String following = after < toks.size() ? toks.get(after).word() : "";
                if (DEFENSIVE_ARTEFACT.contains(following)) {
                    return;
                }
                found.add(Cue.BUILD_MALWARE);
                capability(s, toks, after - 1, found);
                return;
            }
            if (CODE.contains(w)) {
                if (DEFENSIVE_ARTEFACT.contains(next)) {
                    return;
                }
                capability(s, toks, j, found);
                return;
            }
        }
    }

    /** An attack capability after the object at token {@code object}, not governed by a protective verb. */
    private static void capability(String s, List<CueText.Token> toks, int object, Set<Cue> found) {
        String rest = s.substring(toks.get(object).end());
        int base = toks.get(object).end();
        for (WordStartPattern p : List.of(EVASION, HARM)) {
            for (WordStartSearch m = new WordStartSearch(p, rest); m.next(); ) {
                int at = tokenAt(toks, base + m.start());
                if (at >= 0 && !governedByProtectiveVerb(toks, object, at)) {
                    found.add(Cue.CAPABLE_ARTEFACT);
                    return;
                }
            }
        }
        WordStartSearch exfil = new WordStartSearch(EXFIL_VERB, rest);
        while (exfil.next()) {
            int at = tokenAt(toks, base + exfil.start());
            if (at >= 0 && !governedByProtectiveVerb(toks, object, at)
                    && (credentialWithin(toks, at + 1, 8) || WordStartSearch.find(COVERT, s.substring(toks.get(at).end())))) {
                found.add(Cue.CAPABLE_ARTEFACT);
                return;
            }
        }
    }

    /** A protective verb between {@code from} (exclusive) and {@code to} with no clause break after it. */
    private static boolean governedByProtectiveVerb(List<CueText.Token> toks, int from, int to) {
        boolean governed = false;
        for (int k = Math.max(0, from + 1); k < to && k < toks.size(); k++) {
            String w = toks.get(k).word();
            if (PROTECTIVE.contains(w) && !negated(toks, k)) {
                governed = true;
            } else if (CLAUSE_BREAKS.contains(w)) {
                governed = false;
            }
        }
        return governed;
    }

    private static boolean negated(List<CueText.Token> toks, int k) {
        if (k == 0) {
            return false;
        }
        String p = toks.get(k - 1).word();
        return p.equals("not") || p.endsWith("n't") || p.equals("never") || p.equals("cannot") || p.equals("no");
    }

    /**
     * Whether the verb at {@code verb} has a described third party as its subject ("attackers steal", "malware that
     * tries to steal") or follows a protective verb ("stop ... from stealing", "prevent stealing"): walk back over
     * auxiliaries and connectives to the first other word.
     */
    private static boolean describedThirdParty(List<CueText.Token> toks, int verb) {
        for (int k = verb - 1; k >= 0; k--) {
            String w = toks.get(k).word();
            if (SKIP_BACK.contains(w)) {
                continue;
            }
            return THIRD_PARTY.contains(w) || (PROTECTIVE.contains(w) && !negated(toks, k));
        }
        return false;
    }

    private static boolean credentialFollows(List<CueText.Token> toks, int verb) {
        return credentialWithin(toks, verb + 1, 4);
    }

    private static boolean credentialWithin(List<CueText.Token> toks, int from, int n) {
        for (int k = from; k < Math.min(toks.size(), from + n); k++) {
            String w = toks.get(k).word();
            if (CLAUSE_BREAKS.contains(w)) {
                return false;
            }
            String bare = w.endsWith("'s") ? w.substring(0, w.length() - 2) : w;
            if (CREDENTIAL.contains(bare)) {
                return true;
            }
        }
        return false;
    }

    private static int tokenAt(List<CueText.Token> toks, int offset) {
        for (int k = 0; k < toks.size(); k++) {
            if (toks.get(k).end() > offset) {
                return k;
            }
        }
        return -1;
    }
}
