package dev.refusalguard.proxy.api;

/** The agent's request is invalid; answered with {@code status} in the API's error shape. */
public final class ApiRequestException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public ApiRequestException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
