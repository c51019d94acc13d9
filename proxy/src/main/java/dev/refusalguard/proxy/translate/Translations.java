package dev.refusalguard.proxy.translate;

import dev.refusalguard.proxy.api.Api;
import dev.refusalguard.proxy.config.ApiFormat;

/** Which translation, if any, serves an agent API from an upstream format. */
public final class Translations {

    private static final Translation CHAT_ON_ANTHROPIC = new ChatAgentOnAnthropic();
    private static final Translation ANTHROPIC_ON_CHAT = new AnthropicAgentOnChat();
    private static final Translation RESPONSES_ON_ANTHROPIC = new ResponsesAgentOnAnthropic();

    private Translations() {
    }

    /** The wire format an agent API belongs to. */
    public static ApiFormat formatOf(Api api) {
        return api == Api.ANTHROPIC_MESSAGES ? ApiFormat.ANTHROPIC : ApiFormat.OPENAI;
    }

    /** The upstream can serve the agent's API, directly or translated. */
    public static boolean canServe(Api agent, ApiFormat upstream) {
        return formatOf(agent) == upstream || between(agent, upstream) != null;
    }

    /**
     * The translation serving {@code agent} from an upstream of {@code upstream} format; null when the formats
     * match (no translation needed). An Anthropic agent on an OpenAI upstream is served through Chat Completions.
     */
    public static Translation between(Api agent, ApiFormat upstream) {
        if (formatOf(agent) == upstream) {
            return null;
        }
        return switch (agent) {
            case OPENAI_CHAT -> CHAT_ON_ANTHROPIC;
            case ANTHROPIC_MESSAGES -> ANTHROPIC_ON_CHAT;
            case OPENAI_RESPONSES -> RESPONSES_ON_ANTHROPIC;
        };
    }
}
