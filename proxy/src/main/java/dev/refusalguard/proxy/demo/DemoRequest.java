package dev.refusalguard.proxy.demo;

import java.util.Objects;

/**
 * One request of the demo agent: a bundled prompt as the agent sends it.
 *
 * @param prompt             the bundled prompt
 * @param authorizationClaim the agent prefixed a free-text authorization claim
 * @param systemText         the agent's system prompt
 * @param userText           the user message (claim sentence + prompt text)
 * @param features           what the simulated model sees in this request (read once, at construction)
 */
public record DemoRequest(DemoPrompt prompt, boolean authorizationClaim, String systemText, String userText,
                          RequestFeatures features) {

    public DemoRequest {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(systemText, "systemText");
        Objects.requireNonNull(userText, "userText");
        Objects.requireNonNull(features, "features");
    }

    public DemoRequest(DemoPrompt prompt, boolean authorizationClaim, String systemText, String userText) {
        this(prompt, authorizationClaim, systemText, userText, RequestFeatures.of(systemText, userText));
    }

    public String id() {
        return prompt.id();
    }
}
