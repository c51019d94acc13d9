package dev.refusalguard.proxy.recovery;

import dev.refusalguard.policies.AuthorizationContext;
import dev.refusalguard.policies.Intent;
import dev.refusalguard.policies.Rephraser;
import dev.refusalguard.policies.RequestAnalysis;
import dev.refusalguard.policies.RequestAnalyzer;
import dev.refusalguard.policies.TaskCategory;

import java.util.Map;

/** {@link RequestPolicy} backed by the policies module: its analyzer, rephraser and authorization block. */
public final class PoliciesRequestPolicy implements RequestPolicy {

    private final RequestAnalyzer analyzer;
    private final Rephraser rephraser;
    private final boolean retryAmbiguous;

    public PoliciesRequestPolicy(RequestAnalyzer analyzer, boolean retryAmbiguous) {
        this.analyzer = analyzer;
        this.rephraser = analyzer.rephraser();
        this.retryAmbiguous = retryAmbiguous;
    }

    public static PoliciesRequestPolicy loadDefault(boolean retryAmbiguous) {
        return new PoliciesRequestPolicy(RequestAnalyzer.loadDefault(), retryAmbiguous);
    }

    @Override
    public RequestAnalysis analyze(String systemText, String lastUserText) {
        return analyzer.analyze(lastUserText);
    }

    @Override
    public String rephrase(String text, TaskCategory category) {
        return rephraser.rephrase(text, category).text();
    }

    @Override
    public String authorizationBlock(Map<String, String> fields) {
        String organisation = fields.get("organisation");
        String role = fields.get("role");
        if (organisation == null || role == null) {
            return null;
        }
        try {
            return new AuthorizationContext(organisation, role, fields.get("asset_scope"),
                    fields.get("engagement_id")).renderSystemBlock();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public boolean mayRecover(RequestAnalysis analysis) {
        return analysis.intent() == Intent.DEFENSIVE || analysis.intent() == Intent.AMBIGUOUS && retryAmbiguous;
    }
}
