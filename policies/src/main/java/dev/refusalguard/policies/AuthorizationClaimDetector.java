package dev.refusalguard.policies;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    private static final Pattern CLAIM = Pattern.compile("\\b(?:" + String.join("|", BRANCHES) + ")");

    /**
     * The letters the claim expressions' words start with (each branch's first word: i, we, this, it, for, as, rules,
     * signed, scope, statement, letter). A test derives them from the branches, so a new branch cannot be missed.
     */
    static final String FIRST_LETTERS = "iwtfarsl";

    /** True when {@code text} contains a free-text claim of authorization or defender role. */
    public boolean claimPresent(String text) {
        String lower = WeightedPatterns.lower(text);
        // Every match opens with \b and one of FIRST_LETTERS: try the expression, anchored, only at such word starts
        // (transparent bounds keep the \b check honest), instead of at every character of a long log.
        Matcher m = null;
        int end = lower.length();
        for (int at = 0; at < end; at++) {
            char c = lower.charAt(at);
            if (FIRST_LETTERS.indexOf(c) < 0 || (at > 0 && isWordChar(lower.charAt(at - 1)))) {
                continue;
            }
            if (m == null) {
                m = CLAIM.matcher(lower).useTransparentBounds(true).useAnchoringBounds(false);
            }
            if (m.region(at, end).lookingAt()) {
                return true;
            }
        }
        return false;
    }

    /** The same judgement by a plain scan of the whole text (for tests). */
    static boolean claimPresentByFullScan(String text) {
        return CLAIM.matcher(WeightedPatterns.lower(text)).find();
    }

    /** The expression's branches (for tests). */
    static List<String> branches() {
        return BRANCHES;
    }

    /**
     * A char that certainly makes the position after it no word boundary (the candidate is a letter); anything else,
     * such as a non-spacing mark, is left to the expression's own \b.
     */
    private static boolean isWordChar(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    private static String withoutLeadingBoundary(String branch) {
        if (!branch.startsWith("\\b")) {
            throw new IllegalStateException("every claim expression must open with \\b: " + branch);
        }
        return branch.substring(2);
    }
}
