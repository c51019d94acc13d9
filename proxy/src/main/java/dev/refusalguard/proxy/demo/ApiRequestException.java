package dev.refusalguard.proxy.demo;

/**
 * A request the demo upstream rejects; each API renders it in its own error shape.
 * {@code kind} is a neutral error kind the APIs map to their own type/code names.
 */
final class ApiRequestException extends Exception {

    private static final long serialVersionUID = 1L;

    enum Kind { MALFORMED_JSON, INVALID_REQUEST, MISSING_PARAMETER, NOT_FOUND, METHOD_NOT_ALLOWED, TOO_LARGE }

    private final int status;
    private final Kind kind;
    private final String param;

    ApiRequestException(int status, Kind kind, String message, String param) {
        super(message, null, false, false);
        this.status = status;
        this.kind = kind;
        this.param = param;
    }

    int status() {
        return status;
    }

    Kind kind() {
        return kind;
    }

    String param() {
        return param;
    }

    static ApiRequestException missing(String param, String message) {
        return new ApiRequestException(400, Kind.MISSING_PARAMETER, message, param);
    }

    static ApiRequestException invalid(String param, String message) {
        return new ApiRequestException(400, Kind.INVALID_REQUEST, message, param);
    }
}
