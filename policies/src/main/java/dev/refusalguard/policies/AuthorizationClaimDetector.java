package dev.refusalguard.policies;

import java.util.List;
import java.util.stream.Stream;

/**
 * Detects a free-text claim of authorization in a request ("I'm on the blue team", "I am authorized", "this is for a
 * sanctioned pentest", "as a SOC analyst at ..."). The study found such claims RAISE refusals (21.8% vs 11.6%), so
 * the proxy reports them; it never adds them. Stateless and thread-safe.
 */
public final class AuthorizationClaimDetector {

    private static final String ROLE = "(?:soc|security|cyber ?security|threat|malware|forensics?|dfir|incident|detection|"
            + "network|infosec|it security|cloud security|appsec|application security)\\s+"
            + "(?:analyst|engineer|researcher|responder|hunter|lead|manager|specialist|consultant|architect|team member|officer)"
            + "|pen(?:etration)? ?tester|pentester|red[- ]teamer|blue[- ]teamer|incident responder|threat hunter|ciso|"
            + "sysadmin|system administrator|security professional|ethical hacker|auditor|bug bounty hunter";

    /**
     * Every branch opens with a word boundary: it is checked once in front of the alternation instead of per branch
     * at every position, and the (lower-case) expressions run without case flags on the lower-cased text, whose
     * per-character Unicode case folding made this detector cost tens of microseconds per request.
     */
    private static final List<String> BRANCHES = Stream.of(
            "\\bi(?:'m| am|’m)\\s+(?:on|in|part of|with|from|a member of)\\s+(?:the|our|a|my company's)\\s+(?:blue|red|purple|security|soc|incident response|ir)\\s+team",
            "\\b(?:we|i)(?:'re|'m| are| am|’re|’m)\\s+(?:the|a|an)?\\s*(?:blue|red|purple)\\s+team",
            "\\bi(?:'m| am|’m|\\s+have been|\\s+was)\\s+(?:fully\\s+|explicitly\\s+|officially\\s+|legally\\s+)?(?:authori[sz]ed|permitted|allowed|cleared|sanctioned|approved)",
            "\\bwe(?:'re| are|’re|\\s+have been|\\s+were)\\s+(?:fully\\s+|explicitly\\s+|officially\\s+|legally\\s+)?(?:authori[sz]ed|permitted|allowed|cleared|contracted|hired)\\b",
            "\\bi\\s+(?:have|hold|got|received)\\s+(?:written\\s+|explicit\\s+|full\\s+|signed\\s+|legal\\s+)?(?:permission|authori[sz]ation|consent|approval|clearance)",
            "\\bwe\\s+(?:have|hold|got|received)\\s+(?:written\\s+|explicit\\s+|full\\s+|signed\\s+|legal\\s+)?(?:permission|authori[sz]ation|consent|approval|clearance)",
            "\\b(?:this|it)\\s+is\\s+(?:for\\s+|part of\\s+)?(?:an?\\s+|our\\s+)?(?:authori[sz]ed|sanctioned|approved|legitimate|legal|permitted|scoped|contracted)\\s+"
                    + "(?:pen(?:etration)?\\s*test|pentest|engagement|assessment|red[- ]team|security test|audit|exercise|test)",
            "\\bfor\\s+(?:an?\\s+|our\\s+)?(?:authori[sz]ed|sanctioned|approved|legitimate|contracted)\\s+"
                    + "(?:pen(?:etration)?\\s*test|pentest|engagement|assessment|red[- ]team|security test|audit|exercise)",
            "\\bas\\s+(?:an?|the|our|their)\\s+(?:senior\\s+|junior\\s+|lead\\s+|certified\\s+)?(?:" + ROLE + ")\\b",
            "\\bi(?:'m| am|’m)\\s+(?:an?|the)\\s+(?:senior\\s+|junior\\s+|lead\\s+|certified\\s+)?(?:" + ROLE + ")\\b",
            "\\bi\\s+work\\s+(?:as\\s+an?|in|on|for)\\s+(?:the\\s+|our\\s+|a\\s+)?(?:" + ROLE + "|soc|security team|blue team|cert|csirt|security operations)",
            "\\b(?:rules of engagement|signed scope|scope letter|statement of work|letter of authori[sz]ation)\\b",
            "\\b(?:i|we)\\s+own\\s+(?:the|these|this|all the)\\s+(?:systems?|servers?|network|machines?|hosts?|assets?)")
            .map(AuthorizationClaimDetector::withoutLeadingBoundary).toList();

    private static final WordStartPattern CLAIM = WordStartPattern.compile("\\b(?:" + String.join("|", BRANCHES) + ")");

    /** True when {@code text} contains a free-text claim of authorization or defender role. */
    public boolean claimPresent(String text) {
        // Every match opens with \b and a word: try the expression, anchored, only at word starts where the text
        // continues as a claim can start ("i'm", "we a", "as a", "rule", ...), instead of at every character.
        return WordStartSearch.find(CLAIM, FoldedText.of(text).lower());
    }

    /** The same judgement by a plain scan of the whole text (for tests). */
    static boolean claimPresentByFullScan(String text) {
        return CLAIM.pattern().matcher(WeightedPatterns.lower(text)).find();
    }

    /** The expression (for tests). */
    static WordStartPattern claimPattern() {
        return CLAIM;
    }

    /** The expression's branches (for tests). */
    static List<String> branches() {
        return BRANCHES;
    }

    private static String withoutLeadingBoundary(String branch) {
        if (!branch.startsWith("\\b")) {
            throw new IllegalStateException("every claim expression must open with \\b: " + branch);
        }
        return branch.substring(2);
    }
}
