package dev.refusalguard.proxy.auditlog;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * What the audit log writes instead of a prompt: the first 16 hex digits of HMAC-SHA256 under a secret key. A plain
 * hash would let anyone holding the log confirm a guessed prompt (templated SOC prompts are easy to guess); a keyed
 * one does not. With {@code audit.promptKeyEnv} the key comes from that environment variable, so digests match
 * across restarts and replicas sharing it (to find repeats of one prompt); without it each process draws a random
 * key, and digests match only within one run. The key is never logged or exported.
 */
final class PromptDigest {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    private PromptDigest(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /** The key from environment variable {@code envName}, or a random per-process key when it is null or blank. */
    static PromptDigest fromEnvironment(String envName, Map<String, String> env) {
        if (envName == null || envName.isBlank()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return new PromptDigest(random);
        }
        String value = env.get(envName);
        if (value == null || value.length() < 16) {
            throw new IllegalArgumentException("audit.promptKeyEnv: environment variable " + envName
                    + (value == null ? " is not set" : " holds fewer than 16 characters") + " (the prompt-digest key)");
        }
        return new PromptDigest(value.getBytes(StandardCharsets.UTF_8));
    }

    /** The digest of {@code text}, or null for null. */
    String of(String text) {
        if (text == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every Java runtime", e);
        }
    }
}
