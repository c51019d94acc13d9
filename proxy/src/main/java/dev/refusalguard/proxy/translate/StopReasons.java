package dev.refusalguard.proxy.translate;

/** Maps Anthropic {@code stop_reason} and OpenAI {@code finish_reason} values onto each other. */
final class StopReasons {

    private StopReasons() {
    }

    /** Anthropic stop_reason to Chat Completions finish_reason ("refusal" becomes "content_filter"). */
    static String toFinishReason(String stopReason) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop";
        };
    }

    /** Chat Completions finish_reason to Anthropic stop_reason ("content_filter" becomes "refusal"). */
    static String toStopReason(String finishReason) {
        if (finishReason == null) {
            return "end_turn";
        }
        return switch (finishReason) {
            case "length" -> "max_tokens";
            case "tool_calls", "function_call" -> "tool_use";
            case "content_filter" -> "refusal";
            default -> "end_turn";
        };
    }
}
