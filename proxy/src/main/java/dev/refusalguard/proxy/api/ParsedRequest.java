package dev.refusalguard.proxy.api;

import java.util.List;

/**
 * The neutral view of an LLM request the proxy needs (the rest of the body is forwarded untouched).
 *
 * @param model            requested model
 * @param stream           the agent asked for SSE
 * @param lastUserText     text of the last user message (what request analysis and rephrasing work on)
 * @param systemText       system/developer/instructions text, "" when none
 * @param earlierUserTexts texts of the user messages before the last one, in order (empty ones left out): the intent
 *                         gate reads them too, so an attack asked for in an earlier turn is not recovered through a
 *                         defensive-sounding follow-up
 */
public record ParsedRequest(String model, boolean stream, String lastUserText, String systemText,
                            List<String> earlierUserTexts) {

    public ParsedRequest {
        earlierUserTexts = List.copyOf(earlierUserTexts);
    }

    /** A request with no earlier user turns. */
    public ParsedRequest(String model, boolean stream, String lastUserText, String systemText) {
        this(model, stream, lastUserText, systemText, List.of());
    }
}
