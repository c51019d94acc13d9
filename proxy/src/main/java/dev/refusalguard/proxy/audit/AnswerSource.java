package dev.refusalguard.proxy.audit;

import java.io.IOException;

/** Sends one variant upstream and returns its answer; implementations are thread-safe. */
interface AnswerSource {

    /**
     * @throws IOException           on a transport failure or an HTTP error that is not a policy refusal
     * @throws RetryableException    on a failure worth retrying (429, 5xx, timeouts)
     */
    UpstreamAnswer send(VariantRequest request) throws IOException, InterruptedException;

    /** A failure worth retrying, with the delay the server asked for (or 0). */
    final class RetryableException extends IOException {
        private static final long serialVersionUID = 1L;
        private final long retryAfterMillis;

        RetryableException(String message, long retryAfterMillis) {
            super(message);
            this.retryAfterMillis = retryAfterMillis;
        }

        long retryAfterMillis() {
            return retryAfterMillis;
        }
    }
}
