package dev.refusalguard.proxy.bias;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/** Renders a {@link BiasReport} as the JSON body of GET /bias. Field names are stable; see docs/bias.md. */
public final class BiasJsonRenderer {

    /** Identifies the document layout; bumped only on incompatible changes. */
    public static final String SCHEMA = "refusalguard.bias/v1";

    private BiasJsonRenderer() {
    }

    public static String render(BiasReport report) {
        try {
            return BiasJson.MAPPER.writeValueAsString(tree(report));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode tree(BiasReport report) {
        ObjectNode root = BiasJson.object();
        root.put("schema", SCHEMA);
        root.put("generated_at", report.generatedAt().toString());
        root.put("started_at", report.startedAt().toString());
        root.put("window_seconds", report.windowLength().toSeconds());
        root.set("window", period(report.window()));
        root.set("since_start", period(report.sinceStart()));
        return root;
    }

    static ObjectNode period(PeriodReport period) {
        ObjectNode node = BiasJson.object();
        node.put("from", period.from().toString());
        node.put("to", period.to().toString());
        node.put("requests", period.refusalRate().trials());
        node.put("refusals", period.refusalRate().events());
        node.set("refusal_rate", BiasJson.rate(period.refusalRate()));
        node.set("refusal_rate_by_category", BiasJson.map(period.refusalRateByCategory(), BiasJson::rate));
        node.set("refusal_rate_by_model", BiasJson.map(period.refusalRateByModel(), BiasJson::rate));
        node.set("sensitive_vs_neutral", BiasJson.comparison(period.sensitiveVsNeutral()));
        node.set("sensitive_vs_neutral_by_category",
                BiasJson.map(period.sensitiveVsNeutralByCategory(), BiasJson::comparison));
        node.set("auth_claim_vs_none", BiasJson.comparison(period.authClaimVsNone()));
        node.set("recovery_rate_by_strategy", BiasJson.map(period.recoveryRateByStrategy(), BiasJson::rate));
        node.set("outcomes", BiasJson.counts(period.outcomes()));
        node.set("refusals_by_signal", BiasJson.counts(period.refusalsBySignal()));
        node.set("intents", BiasJson.counts(period.intents()));
        node.set("shadow_pairs", BiasJson.paired(period.shadowPairs()));
        node.set("shadow_pairs_by_category", BiasJson.map(period.shadowPairsByCategory(), BiasJson::paired));
        return node;
    }
}
