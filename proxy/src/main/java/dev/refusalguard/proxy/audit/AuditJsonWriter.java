package dev.refusalguard.proxy.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refusalguard.proxy.bias.BiasJson;
import java.io.UncheckedIOException;

/** DIR/report.json: the audit report with the same statistic blocks as GET /bias (see docs/audit.md). */
final class AuditJsonWriter {

    static final String SCHEMA = "refusalguard.audit/v1";

    private AuditJsonWriter() {
    }

    static String render(AuditReport report) {
        ObjectNode root = BiasJson.object();
        root.put("schema", SCHEMA);
        root.put("generated_at", report.generatedAt().toString());
        root.put("model", report.model());
        root.put("endpoint", report.endpoint());
        root.put("format", report.format());
        report.variants().forEach(root.putArray("variants")::add);
        root.put("claim_text", report.claimText());
        root.put("prompts", report.prompts());
        root.put("sensitive_prompts", report.sensitivePrompts());
        root.put("rephrased_prompts", report.rephrasedPrompts());
        root.put("answers", report.answers());
        root.put("missing", report.missing());
        root.set("refusal_rate_by_variant", BiasJson.map(report.byVariant(), BiasJson::rate));
        root.set("refusal_rate_by_category_and_variant",
                BiasJson.map(report.byCategoryAndVariant(), row -> BiasJson.map(row, BiasJson::rate)));
        root.set("sensitive_vs_neutral", BiasJson.comparison(report.sensitiveVsNeutral()));
        root.set("sensitive_vs_neutral_by_category",
                BiasJson.map(report.sensitiveVsNeutralByCategory(), BiasJson::comparison));
        root.set("prompt_claim_vs_none", BiasJson.comparison(report.promptClaimVsNone()));
        ObjectNode claim = root.putObject("free_text_claim_vs_none");
        claim.set("unpaired", BiasJson.comparison(report.claimVsNone()));
        claim.set("paired", BiasJson.paired(report.claimPaired(), "variant"));
        ObjectNode structured = root.putObject("structured_authorization_vs_none");
        structured.set("unpaired", BiasJson.comparison(report.structuredVsNone()));
        structured.set("paired", BiasJson.paired(report.structuredPaired(), "variant"));
        ObjectNode rephrase = root.putObject("neutral_rephrase_vs_original");
        rephrase.set("paired", BiasJson.paired(report.rephraseVsOriginal(), "variant"));
        root.set("refusals_by_signal", BiasJson.counts(report.refusalsBySignal()));
        try {
            return BiasJson.MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
