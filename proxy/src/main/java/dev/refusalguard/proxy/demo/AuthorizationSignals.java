package dev.refusalguard.proxy.demo;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the two kinds of authorization context the simulated model reacts to.
 *
 * <ul>
 *   <li>A free-text claim ("I'm on the blue team", "I am authorized to test this"). The study found such
 *       claims RAISED refusals, and the simulator reproduces that.</li>
 *   <li>A structured authorization block: at least three distinct fields among organisation, role, scope,
 *       engagement, ticket, authorized-by, one per line, written as {@code key: value}, {@code key = value},
 *       {@code "key": "value"}, {@code **Key:** value} or {@code <key>value</key>}. It lowers refusals
 *       moderately.</li>
 * </ul>
 * Claim phrases inside a structured block's lines are not counted as a free-text claim.
 */
public final class AuthorizationSignals {

    private static final Pattern CLAIM = Pattern.compile(
            "\\b(?:i'?m|i am|we are|we're|i work)\\s+(?:on|in|part of|with|for)\\s+(?:the|our|a|an)?\\s*"
                    + "(?:blue[ -]team|red[ -]team|purple[ -]team|security team|soc\\b|security operations|"
                    + "incident response team|cert\\b|csirt)"
                    + "|\\b(?:i'?m|i am|we are|we're)\\s+(?:fully\\s+)?(?:authori[sz]ed|allowed|permitted|cleared)"
                    + "|\\b(?:i|we)\\s+(?:have|has|got)\\s+(?:written\\s+|explicit\\s+|full\\s+)?"
                    + "(?:permission|authori[sz]ation|approval|sign-off)"
                    + "|\\bthis is (?:an?\\s+)?(?:authori[sz]ed|sanctioned|approved)\\b"
                    + "|\\b(?:i'?m|i am)\\s+an?\\s+(?:security professional|penetration tester|pentester|"
                    + "ethical hacker|security analyst|soc analyst|security engineer)",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern FIELD_LINE = Pattern.compile(
            "^[\\s\"'<\\-*#]*(organi[sz]ation|org|company|role|asset[ _-]?scope|scope|assets|"
                    + "engagement(?:[ _-]?id)?|ticket(?:[ _-]?id)?|change[ _-]?request|"
                    + "authori[sz]ed[ _-]by|approver|requester)(?:[\"'*]*\\s*[:=]|>)\\s*[^\\s<]",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

    private AuthorizationSignals() {
    }

    /** True when the text holds a free-text authorization claim outside any structured field line. */
    public static boolean hasFreeTextClaim(String text) {
        for (String line : text.split("\\R")) {
            if (FIELD_LINE.matcher(line).find()) {
                continue;
            }
            if (CLAIM.matcher(line).find()) {
                return true;
            }
        }
        return false;
    }

    /** True when the text holds a structured authorization block (three or more distinct fields). */
    public static boolean hasStructuredBlock(String text) {
        Set<String> fields = new HashSet<>();
        Matcher m = FIELD_LINE.matcher(text);
        while (m.find()) {
            fields.add(fieldKind(m.group(1)));
        }
        return fields.size() >= 3;
    }

    private static String fieldKind(String raw) {
        String k = raw.toLowerCase(Locale.ROOT).replaceAll("[ _-]", "");
        if (k.startsWith("organ") || k.equals("org") || k.equals("company")) {
            return "organisation";
        }
        if (k.contains("scope") || k.equals("assets")) {
            return "scope";
        }
        if (k.startsWith("engagement") || k.startsWith("ticket") || k.startsWith("changerequest")) {
            return "engagement";
        }
        if (k.startsWith("authori") || k.equals("approver")) {
            return "authorizer";
        }
        return k;
    }
}
