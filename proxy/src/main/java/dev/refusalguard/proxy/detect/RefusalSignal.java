package dev.refusalguard.proxy.detect;

import java.util.Locale;

/** What detected a refusal; the lower-case name is the {@code signal} metric tag and the audit field. */
public enum RefusalSignal {
    /** OpenAI {@code message.refusal} / {@code delta.refusal}, or a Responses {@code refusal} content part. */
    REFUSAL_FIELD,
    /** OpenAI {@code finish_reason: "content_filter"}. */
    CONTENT_FILTER,
    /** Anthropic {@code stop_reason: "refusal"}. */
    STOP_REASON_REFUSAL,
    /** An HTTP error whose code or message names a content or safety policy. */
    POLICY_ERROR,
    /** No text and no tool call in a normally finished answer. */
    EMPTY_CONTENT,
    /** The ONNX text classifier. */
    CLASSIFIER,
    /**
     * The recovery memory: this request (model and text) was refused and recovered before, so its first attempt
     * went out with the remembered strategy applied and the agent's own wording was not sent again.
     */
    RECOVERY_MEMORY;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
