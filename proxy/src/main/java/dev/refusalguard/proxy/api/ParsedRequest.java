package dev.refusalguard.proxy.api;

import java.util.List;

/**
 * The neutral view of an LLM request the proxy needs (the rest of the body is forwarded untouched).
 *
 * @param model            requested model
 * @param stream           the agent asked for SSE
 * @param lastUserText     text of the last user message (what request analysis and rephrasing work on)
 * @param systemText       system/developer/instructions text, "" when none
 * @param contextTexts     the other turns' texts, in order (empty ones left out): earlier user messages, assistant
 *                         messages and tool results. The intent gate reads them too, so an attack asked for in an
 *                         earlier turn, or planted in an assistant turn or a tool result the client wrote, is not
 *                         recovered through a defensive-sounding last message
 */
public record ParsedRequest(String model, boolean stream, String lastUserText, String systemText,
                            List<String> contextTexts) {

    public ParsedRequest {
        contextTexts = List.copyOf(contextTexts);
    }

    /** A request with no other turns. */
    public ParsedRequest(String model, boolean stream, String lastUserText, String systemText) {
        this(model, stream, lastUserText, systemText, List.of());
    }
}
