package dev.refusalguard.proxy.api;

/** The agent's request is invalid; answered with {@code status} in the API's error shape. */
public final class ApiRequestException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String param;

    public ApiRequestException(int status, String code, String message) {
        this(status, code, message, null);
    }

    /** @param param the request parameter at fault (OpenAI's {@code error.param}), or null */
    public ApiRequestException(int status, String code, String message, String param) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.param = param;
    }

    /** A required string parameter is absent, blank or of another JSON type; the message says which. */
    static ApiRequestException requiredString(Api api, String param, com.fasterxml.jackson.databind.JsonNode value) {
        boolean anthropic = api == Api.ANTHROPIC_MESSAGES;
        if (value == null || value.isNull()) {
            return new ApiRequestException(400, anthropic ? "invalid_request_error" : "missing_required_parameter",
                    anthropic ? param + ": Field required" : "Missing required parameter: '" + param + "'.", param);
        }
        if (value.isTextual()) {
            return new ApiRequestException(400, anthropic ? "invalid_request_error" : "invalid_value",
                    anthropic ? param + ": must not be empty" : "Invalid value for '" + param
                            + "': expected a non-empty string.", param);
        }
        return new ApiRequestException(400, anthropic ? "invalid_request_error" : "invalid_type",
                anthropic ? param + ": Input should be a valid string" : "Invalid type for '" + param
                        + "': expected a string, but got " + typeOf(value) + " instead.", param);
    }

    /**
     * A parameter is present with another JSON type than the API accepts: OpenAI's {@code invalid_type}, Anthropic's
     * "Input should be a valid ..." ({@code expected} as "an array", {@code anthropicExpected} as "list").
     */
    static ApiRequestException wrongType(Api api, String param, com.fasterxml.jackson.databind.JsonNode value,
                                         String expected, String anthropicExpected) {
        if (api == Api.ANTHROPIC_MESSAGES) {
            return new ApiRequestException(400, "invalid_request_error",
                    param + ": Input should be a valid " + anthropicExpected, param);
        }
        return new ApiRequestException(400, "invalid_type", "Invalid type for '" + param + "': expected "
                + expected + ", but got " + typeOf(value) + " instead.", param);
    }

    /**
     * The request's {@code stream} flag: absent or null is false, a JSON boolean is itself, anything else ("yes", 1)
     * is rejected as the API does, rather than forwarded with the proxy treating the answer as unstreamed.
     */
    static boolean streamFlag(Api api, com.fasterxml.jackson.databind.JsonNode body) throws ApiRequestException {
        com.fasterxml.jackson.databind.JsonNode stream = body.get("stream");
        if (stream == null || stream.isNull()) {
            return false;
        }
        if (!stream.isBoolean()) {
            throw wrongType(api, "stream", stream, "a boolean", "boolean");
        }
        return stream.booleanValue();
    }

    private static String typeOf(com.fasterxml.jackson.databind.JsonNode value) {
        return switch (value.getNodeType()) {
            case NUMBER -> value.isIntegralNumber() ? "an integer" : "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            default -> "a " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The request parameter at fault, or null. */
    public String param() {
        return param;
    }
}
