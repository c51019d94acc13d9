package dev.refusalguard.policies;

/** The kinds of agent evidence that rewriting must leave byte-identical. */
public enum EvidenceKind {
    FENCED_CODE,
    INLINE_CODE,
    INDENTED_CODE,
    QUOTED_LINE,
    LOG_LINE,
    COMMAND_LINE,
    URL,
    EMAIL,
    DOMAIN,
    IPV4,
    IPV6,
    HASH,
    UNIX_PATH,
    WINDOWS_PATH,
    REGISTRY_KEY,
    CVE_ID,
    ATTACK_ID,
    BASE64,
    QUOTED_STRING,
    KEY_VALUE,
    DEFANGED_INDICATOR
}
