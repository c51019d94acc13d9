package dev.refusalguard.proxy.config;

import java.time.Duration;

/** Validation helpers whose messages always name the offending config key. */
final class ConfigChecks {

    private ConfigChecks() {
    }

    static void range(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidConfigException(key, "must be between " + min + " and " + max + ", got " + value);
        }
    }

    static void positive(String key, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new InvalidConfigException(key, "must be a positive duration, got " + Durations.format(value));
        }
    }

    static void hostPort(String key, String value) {
        try {
            HostPort.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(key, e.getMessage());
        }
    }

    static void notBlank(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidConfigException(key, "is required");
        }
    }
}
