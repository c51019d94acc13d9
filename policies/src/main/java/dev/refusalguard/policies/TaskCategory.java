package dev.refusalguard.policies;

import java.util.Locale;

/** The one taxonomy of defensive task categories (metric tag values, policy keys). */
public enum TaskCategory {
    SYSTEM_HARDENING,
    MALWARE_ANALYSIS,
    INCIDENT_RESPONSE,
    LOG_ANALYSIS,
    VULNERABILITY_ASSESSMENT,
    NETWORK_DEFENSE,
    THREAT_INTELLIGENCE,
    DETECTION_ENGINEERING,
    OTHER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TaskCategory fromWireName(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
