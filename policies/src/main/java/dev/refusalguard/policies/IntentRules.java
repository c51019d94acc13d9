package dev.refusalguard.policies;

/**
 * Transparent weighted rules for intent: offensive cues (a named or personal third-party target, staying hidden from
 * a defender, stealing or spreading, building attack tooling for deployment) against defensive cues (detect,
 * harden, investigate, our own assets). The score is a logistic of the difference. Used on its own or combined
 * with a trained model by {@link RequestAnalyzer}.
 */
public final class IntentRules implements IntentModel {

    private static final double BIAS = -0.5;

    private final WeightedPatterns offensive = new WeightedPatterns()
            // a third party as the target
            .add(3.0, "\\b(my|our) (ex|ex-wife|ex-husband|ex-girlfriend|ex-boyfriend|neighbou?r|boss|coworker|co-worker|colleague|roommate|teacher|landlord|partner|wife|husband|girlfriend|boyfriend|competitor|rival)('s)?\\b",
                    "\\b(someone|somebody) else'?s\\b", "\\bwithout (their|his|her|the owner'?s|the user'?s|the victim'?s|anyone'?s) (knowledge|consent|permission|knowing)",
                    "\\b(victims?|targets?)'? (machines?|computers?|phones?|accounts?|networks?|devices?)\\b",
                    "\\b(hack|break) into\\b", "\\btake (down|over) (a|the|their|his|her)\\b", "\\bspy on\\b", "\\bstalk")
            // hiding from defenders, staying undetected
            .add(2.5, "\\bundetect(ed|able)\\b", "\\b(avoid|evade|evading|bypass(ing)?|defeat(ing)?|disabl(e|ing)|blind(ing)?|kill(ing)?|tamper(ing)? with) (the )?(detection|edr|av|antivirus|anti-virus|defender|crowdstrike|sentinelone|carbon black|sysmon|logging|the soc|security (tools|software|monitoring|products))",
                    "\\bwithout (being )?(detected|caught|noticed|triggering|alerting|leaving (a )?trace)", "\\bcover (my|our) tracks\\b",
                    "\\b(clear|wipe|delete|erase) (the )?(event )?logs? (so|to hide|after)", "\\bstay(s|ing)? (hidden|undetected|stealthy)\\b",
                    "\\bcovert(ly)?\\b", "\\bstealth(y|ily)?\\b", "\\bsurreptitious", "\\bclandestin", "\\belusive\\b", "\\bdisguis(e|ing)\\b",
                    "\\bmimic(king)? legitimate\\b", "\\bblend(s|ing)? in\\b", "\\bhijack")
            // stealing, spreading, extorting, causing damage
            .add(2.0, "\\bsteal(s|ing)?\\b", "\\bstolen\\b", "\\bexfiltrat\\w* (data|files|credentials|documents)? ?(from|out of)\\b", "\\bharvest(ing)? (credentials|passwords|cookies|tokens)",
                    "\\bransom (note|demand|payment)\\b", "\\bextort", "\\bspread(s|ing)? (to|across|through)\\b", "\\binfect(s|ing)?\\b",
                    "\\bself-propagat", "\\bmaximi[sz]e (damage|impact|spread)\\b", "\\bcause (damage|outage|disruption)",
                    "\\bimpersonat", "\\bgain (unauthori[sz]ed|illegal|illicit) access\\b", "\\bescalate (my|our) privileges\\b",
                    "\\b(capture|record|log)(s|ging)? (keystrokes|audio|screenshots|webcam|the microphone)", "\\binject(s|ing)? (malicious|code into)",
                    "\\bpersist(ent|ence)? (access|foothold)\\b", "\\bmaintain (access|persistence|a foothold)\\b", "\\bfast-flux\\b",
                    "\\bdomain (fronting|generation algorithm)\\b")
            // attack tooling for deployment
            .add(2.0, "\\b(build|create|make|write|develop|code|generate|craft|design|set up)\\w* (me )?(an? |the |some )?(working |functional |fully functional |new |custom |polymorphic |undetectable )?"
                    + "(phishing (kit|page|site|email|campaign)|ransomware|keylogger|trojan|rootkit|botnet|worm|backdoor|rat\\b|remote access trojan|credential stealer|infostealer|stealer|malware|virus|spyware|exploit kit|c2 (server|framework|infrastructure)|reverse shell|dropper|loader|implant|payload)",
                    "\\b(deploy|distribute|spread|deliver|launch|send)\\w* (the |a |an |my |our )?(ransomware|malware|phishing|virus|trojan|worm|payload|spyware|botnet)",
                    "\\bclone (the |a )?(login|bank|paypal|office ?365|microsoft|google) (page|site|portal)", "\\bcarding\\b", "\\bcrypter\\b", "\\bfud\\b",
                    "\\bsell (access|the data|stolen)", "\\b(against|on|into) (a |the )?(bank|hospital|government|school|company|organi[sz]ation|website|server)s? (i|we) (don'?t|do not) own\\b")
            .add(1.0, "\\bexploit(s|ing)? (a|the|this|that) (vulnerability|flaw|bug|weakness)\\b", "\\bbrute[- ]?forc\\w* (the|a|their|his|her)\\b",
                    "\\bbypass", "\\bunauthori[sz]ed\\b", "\\bscrap(e|ing)\\b",
                    "\\bwithout (admin|root|authori[sz]ation)\\b", "\\bintercept", "\\bsniff", "\\bmanipulat",
                    "\\bthen explain each\\b|\\bcode snippets?\\b|\\bwrite code\\b|\\bprovide a script\\b|\\bdevise an algorithm\\b");

    /**
     * Technique and tool names: topics defenders discuss constantly. They count as offensive cues only when the
     * request has no protective action ({@link #PROTECTIVE_ACTION}); "harden our DCs against pass-the-hash and
     * mimikatz" is about defending against them.
     */
    private final WeightedPatterns techniqueTopics = new WeightedPatterns()
            .add(2.0, "\\bcredential (dumping|stuffing|theft)\\b", "\\bpass-the-(hash|ticket)\\b",
                    "\\bkerberoast", "\\bmimikatz\\b", "\\bprocess (hollowing|injection)\\b", "\\breflective (dll|loading)\\b")
            .add(1.0, "\\blateral(ly)? mov", "\\bprivilege escalation\\b", "\\bexfiltrat", "\\bc2\\b|\\bcommand and control\\b", "\\bbeacon",
                    "\\bpersistence\\b", "\\bevasion\\b|\\bevade\\b", "\\bobfuscat", "\\bpassword spray");

    /**
     * A protective action by the requester: harden, detect, defend/protect/secure against, mitigate, block, prevent,
     * monitor/hunt for, remediate, patch, lock down, alert on, respond to. Not when negated ("so the EDR can't
     * detect it") and not the passive forms attackers use ("without being detected").
     */
    static final WordStartPattern PROTECTIVE_ACTION = WordStartPattern.compile(
            "(?<!not |n't |never |cannot |unable to |no )\\b(harden(s|ing)?|detect(s|ing)?|defend(s|ing)? (against|from|our|my)"
                    + "|protect(s|ing)? (against|from|our|my)|secur(e|ing) (our|my)|mitigat(e|es|ing)|block(s|ing)?|prevent(s|ing)?"
                    + "|monitor(s|ing)? for|hunt(s|ing)? for|remediat(e|es|ing)|patch(es|ing)?|lock(ing)? down|alert(s|ing)? on"
                    + "|respond(s|ing)? to|guard(s|ing)? against|defen[cs]es? against)\\b");

    private final HardOffensiveCues hardCues = new HardOffensiveCues();

    private final WeightedPatterns defensive = new WeightedPatterns()
            .add(2.5, "\\bdetect(s|ed|ing|ion)?\\b", "\\bharden(ing|ed)?\\b", "\\bmitigat", "\\bremediat", "\\bdefen(d|se|ce|sive)\\b", "\\bprotect(s|ing|ion)?\\b",
                    "\\bsigma\\b|\\byara\\b|\\bsuricata rule\\b|\\bsnort rule\\b", "\\bincident\\b", "\\btriage\\b", "\\bforensic", "\\bblue team\\b",
                    "\\bour (own )?(network|servers?|environment|systems?|fleet|organi[sz]ation|company|infrastructure|endpoints?|hosts?|users?|domain|tenant|cluster|soc|logs?|siem|firewall|edr)\\b",
                    "\\bmy (own )?(server|servers|network|laptop|homelab|home lab|lab|company's|organi[sz]ation's|environment)\\b")
            .add(1.5, "\\bmonitor(ing)?\\b", "\\balert(s|ing)?\\b", "\\bblock(s|ing)?\\b", "\\binvestigat", "\\banaly[sz](e|is|ing)\\b", "\\bpatch(es|ing)?\\b",
                    "\\baudit(s|ing)?\\b", "\\bcomplian", "\\bprevent(s|ing|ion)?\\b", "\\bsecur(e|ing)\\b", "\\bcontain(ment)?\\b", "\\bquarantin",
                    "\\bresponse\\b", "\\bhunt(ing)?\\b", "\\bvalidate\\b", "\\bidentify\\b", "\\bunderstand how to (stop|defend|detect|block)\\b",
                    "\\bwhat (does|do) (this|these)\\b", "\\bexplain (this|these|what)\\b", "\\bsuspicious\\b", "\\bsoc\\b", "\\bsiem\\b", "\\bedr (telemetry|alert|rule)",
                    "\\bleast privilege\\b", "\\bbackups?\\b", "\\brecover(y)?\\b", "\\bawareness training\\b", "\\bpolicy\\b", "\\bcis\\b", "\\bbaseline\\b",
                    "\\bflag(s|ged|ging)?\\b", "\\blegitimate (users?|traffic)\\b", "\\bsecurity team\\b", "\\bvulnerability (scan|assessment|management)\\b")
            .add(1.0, "\\blogs?\\b", "\\bfirewall\\b", "\\bencrypt", "\\bsanitiz", "\\bvalidat", "\\bfilter", "\\binventory\\b", "\\bupdate\\b",
                    "\\brule(s)?\\b", "\\breport(s|ing)?\\b", "\\bwarn", "\\bdashboard\\b", "\\brotate\\b", "\\bcheck(s|ing)?\\b");

    @Override
    public double offensiveScore(String requestText) {
        if (hardCues.present(requestText)) {
            return 1.0;
        }
        return weightedScore(requestText);
    }

    /** {@link #offensiveScore} without the hard-cue check (for a caller that has just made it). */
    double weightedScore(String requestText) {
        FoldedText folded = FoldedText.of(requestText);
        double off = offensive.score(folded);
        if (!WordStartSearch.find(PROTECTIVE_ACTION, folded.lower())) {
            off += techniqueTopics.score(folded);
        }
        double def = defensive.score(folded);
        double z = BIAS + off - 0.6 * def;
        return 1.0 / (1.0 + Math.exp(-z));
    }

    /**
     * The hard offensive cues in {@code requestText} (see {@link HardOffensiveCues}): when any is present the rules
     * score the request 1.0 and {@link CombinedIntentModel} judges it offensive whatever else it says.
     */
    public java.util.Set<HardOffensiveCues.Cue> hardOffensiveCues(String requestText) {
        return hardCues.find(requestText);
    }

    /** The weighted pattern lists (for tests). */
    java.util.List<WeightedPatterns> patternSets() {
        return java.util.List.of(offensive, techniqueTopics, defensive);
    }
}
