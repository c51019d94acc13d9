package dev.refusalguard.policies;

import java.util.Objects;
import java.util.function.Function;

/**
 * Structured authorization context the proxy may add as system context (a recovery strategy to be measured, never
 * assumed to help: the study found free-text claims raise refusals). Values are single-line, at most
 * {@value #MAX_LENGTH} characters, printable; organisation and role are required, asset scope and engagement id
 * optional ({@code null} when absent).
 *
 * @param organisation the operating organisation
 * @param role         the agent's or operator's defensive role (e.g. "SOC tier-2 analyst")
 * @param assetScope   assets the work concerns (e.g. "10.20.0.0/16, *.corp.example")
 * @param engagementId ticket, case or engagement identifier
 */
public record AuthorizationContext(String organisation, String role, String assetScope, String engagementId) {

    public static final int MAX_LENGTH = 200;
    public static final String HEADER_PREFIX = "x-refusalguard-context-";
    public static final String HEADER_ORGANISATION = HEADER_PREFIX + "organisation";
    public static final String HEADER_ROLE = HEADER_PREFIX + "role";
    public static final String HEADER_ASSET_SCOPE = HEADER_PREFIX + "asset-scope";
    public static final String HEADER_ENGAGEMENT_ID = HEADER_PREFIX + "engagement-id";

    public AuthorizationContext {
        organisation = required("organisation", organisation);
        role = required("role", role);
        assetScope = optional("asset_scope", assetScope);
        engagementId = optional("engagement_id", engagementId);
    }

    /**
     * Builds a context from request headers, each field falling back to {@code fallback}'s. Returns
     * {@code fallback} (possibly {@code null}) when no context header is present.
     *
     * @param header looks a header up by lower-case name, {@code null} when absent
     * @throws IllegalArgumentException naming the header when a value is invalid or a required one is missing
     */
    public static AuthorizationContext fromHeaders(Function<String, String> header, AuthorizationContext fallback) {
        String org = blankToNull(header.apply(HEADER_ORGANISATION));
        String role = blankToNull(header.apply(HEADER_ROLE));
        String scope = blankToNull(header.apply(HEADER_ASSET_SCOPE));
        String engagement = blankToNull(header.apply(HEADER_ENGAGEMENT_ID));
        if (org == null && role == null && scope == null && engagement == null) {
            return fallback;
        }
        String mergedOrg = org != null ? org : fallback == null ? null : fallback.organisation();
        String mergedRole = role != null ? role : fallback == null ? null : fallback.role();
        String mergedScope = scope != null ? scope : fallback == null ? null : fallback.assetScope();
        String mergedEngagement = engagement != null ? engagement : fallback == null ? null : fallback.engagementId();
        check(HEADER_ORGANISATION, mergedOrg, true);
        check(HEADER_ROLE, mergedRole, true);
        check(HEADER_ASSET_SCOPE, mergedScope, false);
        check(HEADER_ENGAGEMENT_ID, mergedEngagement, false);
        return new AuthorizationContext(mergedOrg, mergedRole, mergedScope, mergedEngagement);
    }

    /**
     * The structured block added as system context: fixed key lines, no free-text claim.
     * <pre>
     * [deployment context provided by the RefusalGuard gateway configuration]
     * organisation: Example Corp
     * role: SOC tier-2 analyst
     * asset_scope: 10.20.0.0/16
     * engagement_id: IR-2026-0412
     * [end of deployment context]
     * </pre>
     */
    public String renderSystemBlock() {
        StringBuilder b = new StringBuilder(160);
        b.append("[deployment context provided by the RefusalGuard gateway configuration]\n");
        b.append("organisation: ").append(organisation).append('\n');
        b.append("role: ").append(role).append('\n');
        if (assetScope != null) {
            b.append("asset_scope: ").append(assetScope).append('\n');
        }
        if (engagementId != null) {
            b.append("engagement_id: ").append(engagementId).append('\n');
        }
        b.append("[end of deployment context]");
        return b.toString();
    }

    private static String required(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + ": required");
        }
        return validated(key, value.strip());
    }

    private static String optional(String key, String value) {
        return value == null || value.isBlank() ? null : validated(key, value.strip());
    }

    private static String validated(String key, String value) {
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(key + ": longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '[' || c == ']') {
                throw new IllegalArgumentException(key + ": must be one printable line without control characters or brackets");
            }
        }
        return value;
    }

    private static void check(String header, String value, boolean required) {
        if (value == null) {
            if (required) {
                throw new IllegalArgumentException(header + ": required (no header and no configured default)");
            }
            return;
        }
        try {
            validated(header, value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public String toString() {
        return "AuthorizationContext[organisation=" + organisation + ", role=" + role + ", assetScope="
                + Objects.toString(assetScope, "-") + ", engagementId=" + Objects.toString(engagementId, "-") + "]";
    }
}
