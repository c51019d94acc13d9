package dev.refusalguard.proxy.api;

/**
 * The neutral view of an LLM request the proxy needs (the rest of the body is forwarded untouched).
 *
 * @param model          requested model
 * @param stream         the agent asked for SSE
 * @param lastUserText   text of the last user message (what request analysis and rephrasing work on)
 * @param systemText     system/developer/instructions text, "" when none
 */
public record ParsedRequest(String model, boolean stream, String lastUserText, String systemText) {
}
