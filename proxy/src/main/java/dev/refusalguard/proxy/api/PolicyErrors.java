package dev.refusalguard.proxy.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.Set;

/** Recognises HTTP error answers that are refusals on content or safety policy grounds. */
public final class PolicyErrors {

    private static final Set<String> CODES = Set.of("content_policy_violation", "content_filter",
            "content_filtered", "safety", "policy_violation", "invalid_prompt", "responsible_ai_policy_violation");
    private static final String[] PHRASES = {"content policy", "content filtering policy", "content management policy",
            "usage policies", "usage policy", "safety system", "flagged as potentially violating",
            "violates our policy", "responsible ai"};

    private PolicyErrors() {
    }

    /** An HTTP error answer as every adapter reads it: its message, and the policy signal when it is one. */
    public static AnswerInspection inspectError(int status, JsonNode body) {
        String message = body == null ? "" : body.path("error").path("message").asText("");
        return new AnswerInspection(message, isPolicyError(status, body)
                ? dev.refusalguard.proxy.detect.RefusalSignal.POLICY_ERROR : null, false, null);
    }

    public static boolean isPolicyError(int status, JsonNode body) {
        if (status < 400 || status >= 500 || body == null) {
            return false;
        }
        JsonNode error = body.path("error");
        for (String field : new String[]{"code", "type"}) {
            String value = error.path(field).asText("").toLowerCase(Locale.ROOT);
            if (CODES.contains(value)) {
                return true;
            }
        }
        String message = error.path("message").asText("").toLowerCase(Locale.ROOT);
        for (String phrase : PHRASES) {
            if (message.contains(phrase)) {
                return true;
            }
        }
        return false;
    }
}
