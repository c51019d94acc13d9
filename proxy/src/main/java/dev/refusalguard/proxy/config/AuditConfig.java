package dev.refusalguard.proxy.config;

/**
 * The audit log: one JSON line per agent request that was refused, rewritten or blocked (and, when
 * {@code allRequests}, per request).
 *
 * @param file        path of the JSON Lines file; null or empty disables the audit log
 * @param logPrompts  include prompt text and rewrites (default false: prompts are redacted to a hash and length)
 * @param allRequests log every request, not only refused/rewritten ones (default false)
 * @param promptKeyEnv environment variable holding the key of the redacted prompts' digest (HMAC-SHA256, at least
 *                    16 characters); unset: a random key per process, so digests match within one run only
 */
public record AuditConfig(String file, Boolean logPrompts, Boolean allRequests, String promptKeyEnv) {

    /** The settings before {@code promptKeyEnv} existed: a random digest key per process. */
    public AuditConfig(String file, Boolean logPrompts, Boolean allRequests) {
        this(file, logPrompts, allRequests, null);
    }

    public AuditConfig {
        logPrompts = logPrompts != null && logPrompts;
        allRequests = allRequests != null && allRequests;
    }

    public static AuditConfig defaults() {
        return new AuditConfig(null, null, null, null);
    }

    public boolean enabled() {
        return file != null && !file.isBlank();
    }
}
