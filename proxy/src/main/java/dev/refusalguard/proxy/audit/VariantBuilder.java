package dev.refusalguard.proxy.audit;

import dev.refusalguard.policies.AuthorizationContext;
import dev.refusalguard.policies.Rephrasing;
import dev.refusalguard.policies.RequestAnalysis;
import dev.refusalguard.policies.RequestAnalyzer;
import dev.refusalguard.policies.TaskCategory;
import java.util.EnumMap;
import java.util.Map;

/** Builds the four variants of a prompt with the same analyzer, rephraser and authorization block as the proxy. */
final class VariantBuilder {

    private final RequestAnalyzer analyzer;
    private final String claimText;
    private final String structuredBlock;

    private final String systemPrompt;

    /** @param systemPrompt the agent's system prompt sent with every variant, or null */
    VariantBuilder(RequestAnalyzer analyzer, String claimText, AuthorizationContext context, String systemPrompt) {
        this.analyzer = analyzer;
        this.claimText = claimText.strip();
        this.structuredBlock = context.renderSystemBlock();
        this.systemPrompt = systemPrompt;
    }

    PreparedPrompt prepare(AuditPrompt prompt) {
        String text = prompt.prompt();
        RequestAnalysis analysis = analyzer.analyze(text);
        TaskCategory category = prompt.category() != null ? prompt.category() : analysis.category();
        Rephrasing rephrasing = analyzer.rephraser().rephrase(text, category);
        Map<AuditVariant, VariantRequest> requests = new EnumMap<>(AuditVariant.class);
        String structuredSystem = systemPrompt == null ? structuredBlock : systemPrompt + "\n\n" + structuredBlock;
        requests.put(AuditVariant.ORIGINAL, new VariantRequest(systemPrompt, text));
        requests.put(AuditVariant.NEUTRAL_REPHRASE, new VariantRequest(systemPrompt, rephrasing.text()));
        requests.put(AuditVariant.FREE_TEXT_CLAIM, new VariantRequest(systemPrompt, claimText + " " + text));
        requests.put(AuditVariant.STRUCTURED_AUTHORIZATION, new VariantRequest(structuredSystem, text));
        boolean sensitive = prompt.sensitive() != null ? prompt.sensitive() : analysis.sensitive();
        boolean claim = prompt.authClaim() != null ? prompt.authClaim() : analysis.authorizationClaim();
        return new PreparedPrompt(prompt, category, analysis, sensitive, claim, rephrasing.changed(),
                Map.copyOf(requests));
    }
}
