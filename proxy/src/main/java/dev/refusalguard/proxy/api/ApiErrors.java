package dev.refusalguard.proxy.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;

/**
 * Error bodies in each API's own JSON shape, so SDKs surface them as normal API errors.
 * OpenAI: {@code {"error":{"message","type","param","code"}}}; Anthropic:
 * {@code {"type":"error","error":{"type","message"}}}.
 */
public final class ApiErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiErrors() {
    }

    /** The error type string an API uses for an HTTP status. */
    public static String typeFor(Api api, int status) {
        boolean anthropic = api == Api.ANTHROPIC_MESSAGES;
        return switch (status) {
            case 400, 404, 405, 408, 413, 414, 415, 431, 501 -> status == 413 && anthropic ? "request_too_large"
                    : status == 404 && anthropic ? "not_found_error" : "invalid_request_error";
            case 401 -> anthropic ? "authentication_error" : "invalid_request_error";
            case 429 -> anthropic ? "rate_limit_error" : "rate_limit_exceeded";
            case 503 -> anthropic ? "overloaded_error" : "server_error";
            case 504 -> anthropic ? "timeout_error" : "timeout";
            default -> anthropic ? "api_error" : "server_error";
        };
    }

    public static byte[] body(Api api, int status, String code, String message) {
        return body(api, status, code, message, null);
    }

    /** @param param the request parameter at fault (OpenAI shape only), or null */
    public static byte[] body(Api api, int status, String code, String message, String param) {
        ObjectNode root = JSON.createObjectNode();
        if (api == Api.ANTHROPIC_MESSAGES) {
            root.put("type", "error");
            ObjectNode error = root.putObject("error");
            error.put("type", typeFor(api, status));
            error.put("message", message);
        } else {
            ObjectNode error = root.putObject("error");
            error.put("message", message);
            error.put("type", typeFor(api, status));
            if (param == null) {
                error.putNull("param");
            } else {
                error.put("param", param);
            }
            error.put("code", code);
        }
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }
}
