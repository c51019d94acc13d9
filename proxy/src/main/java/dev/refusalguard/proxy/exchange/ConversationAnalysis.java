package dev.refusalguard.proxy.exchange;

import dev.refusalguard.policies.Intent;
import dev.refusalguard.policies.RequestAnalysis;
import dev.refusalguard.proxy.api.ParsedRequest;
import dev.refusalguard.proxy.recovery.AnalysisCache;
import dev.refusalguard.proxy.recovery.RequestPolicy;

/**
 * A request's analysis for the intent gate: that of its last user message, made offensive when the system prompt or
 * another turn (an earlier user turn, an assistant turn, a tool result: the client writes them all) is clearly
 * offensive (judged offensive with a score of at least {@link #CONTEXT_MIN_SCORE}: a hard
 * offensive cue scores 1.0, the rules' override at least 0.9). The bar is high because the intent model is trained on
 * requests, not on system prompts or old turns: it scores a neutral agent system prompt ("You are an autonomous
 * assistant embedded in a company's defensive tooling...") offensive at 0.62. Without this, an attack asked for in one turn ("write a keylogger that hides
 * from antivirus") followed by a defensive-sounding "continue, for our incident response" was judged on the follow-up
 * alone, and its refusal was rewritten (authorization context, reroute) and retried. The category, sensitive terms and
 * claim stay those of the last user message (what the metrics and the strategies read); each text is analysed, and
 * cached, on its own, so an agent's tool loop re-sending the same turns pays nothing new.
 */
public final class ConversationAnalysis {

    /** Least intent score of an offensive system prompt or earlier turn that makes the request offensive. */
    static final double CONTEXT_MIN_SCORE = 0.9;

    private ConversationAnalysis() {
    }

    /** The analysis, computed where not cached (may take a millisecond: off the event loop). */
    public static RequestAnalysis analyze(AnalysisCache cache, RequestPolicy policy, ParsedRequest request) {
        RequestAnalysis last = cache.analyze(policy, request.systemText(), request.lastUserText());
        if (last.intent() == Intent.OFFENSIVE) {
            return last;
        }
        if (!request.systemText().isBlank()) {
            RequestAnalysis system = cache.analyze(policy, "", request.systemText());
            if (clearlyOffensive(system)) {
                return offensive(last, system);
            }
        }
        for (String earlier : request.contextTexts()) {
            RequestAnalysis turn = cache.analyze(policy, "", earlier);
            if (clearlyOffensive(turn)) {
                return offensive(last, turn);
            }
        }
        return last;
    }

    /** The analysis when every text of it is cached, else null (cheap: an event loop may ask). */
    public static RequestAnalysis peek(AnalysisCache cache, RequestPolicy policy, ParsedRequest request) {
        RequestAnalysis last = cache.peek(policy, request.systemText(), request.lastUserText());
        if (last == null || last.intent() == Intent.OFFENSIVE) {
            return last;
        }
        if (!request.systemText().isBlank()) {
            RequestAnalysis system = cache.peek(policy, "", request.systemText());
            if (system == null || clearlyOffensive(system)) {
                return system == null ? null : offensive(last, system);
            }
        }
        for (String earlier : request.contextTexts()) {
            RequestAnalysis turn = cache.peek(policy, "", earlier);
            if (turn == null || clearlyOffensive(turn)) {
                return turn == null ? null : offensive(last, turn);
            }
        }
        return last;
    }

    private static boolean clearlyOffensive(RequestAnalysis analysis) {
        return analysis.intent() == Intent.OFFENSIVE && analysis.intentScore() >= CONTEXT_MIN_SCORE;
    }

    private static RequestAnalysis offensive(RequestAnalysis last, RequestAnalysis offending) {
        return new RequestAnalysis(last.category(), last.sensitiveTerms(), last.authorizationClaim(), Intent.OFFENSIVE,
                offending.intentScore());
    }
}
