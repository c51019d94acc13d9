package dev.refusalguard.proxy.bias;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.Function;

/**
 * JSON building blocks for the statistics types, shared by /bias and the audit report so both use the same field
 * names (documented in docs/bias.md). Undefined numbers (no trials, no estimable ratio) are written as null, never
 * as NaN or Infinity, so any JSON parser reads the output.
 */
public final class BiasJson {

    /** Shared, configured once; ObjectMapper is thread-safe after configuration. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    private BiasJson() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** {"events", "trials", "rate", "ci95": [lower, upper]}. */
    public static ObjectNode rate(RateEstimate estimate) {
        ObjectNode node = object();
        node.put("events", estimate.events());
        node.put("trials", estimate.trials());
        number(node, "rate", estimate.rate());
        interval(node, "ci95", estimate.ci95());
        return node;
    }

    /** {"exposed", "baseline", "ratio", "ratio_ci95", "ratio_corrected", "chi_square", "p_value"}. */
    public static ObjectNode comparison(GroupComparison comparison) {
        ObjectNode node = object();
        node.set("exposed", rate(comparison.exposed()));
        node.set("baseline", rate(comparison.baseline()));
        RateRatio ratio = comparison.ratio();
        number(node, "ratio", ratio == null ? Double.NaN : ratio.ratio());
        interval(node, "ratio_ci95", ratio == null ? null : ratio.ci95());
        node.put("ratio_corrected", ratio != null && ratio.corrected());
        ChiSquareTest chi = comparison.chiSquare();
        number(node, "chi_square", chi == null ? Double.NaN : chi.statistic());
        number(node, "p_value", chi == null ? Double.NaN : chi.pValue());
        return node;
    }

    /** {"pairs", "both_refused", "original_only", "twin_only", "neither_refused", rates, "mcnemar"}. */
    public static ObjectNode paired(PairedComparison paired) {
        return paired(paired, "twin");
    }

    /**
     * Paired comparison with the second member named {@code second}: {"pairs", "both_refused", "original_only",
     * "<second>_only", "neither_refused", "original_refusal_rate", "<second>_refusal_rate", "mcnemar"}.
     */
    public static ObjectNode paired(PairedComparison paired, String second) {
        ObjectNode node = object();
        PairedCounts counts = paired.counts();
        node.put("pairs", counts.pairs());
        node.put("both_refused", counts.bothRefused());
        node.put("original_only", counts.originalOnly());
        node.put(second + "_only", counts.twinOnly());
        node.put("neither_refused", counts.neitherRefused());
        node.set("original_refusal_rate", rate(paired.originalRefusalRate()));
        node.set(second + "_refusal_rate", rate(paired.twinRefusalRate()));
        ObjectNode mcnemar = node.putObject("mcnemar");
        number(mcnemar, "statistic", paired.mcnemar().statistic());
        number(mcnemar, "p_value", paired.mcnemar().pValue());
        mcnemar.put("method", paired.mcnemar().method());
        return node;
    }

    public static <T> ObjectNode map(Map<String, T> values, Function<T, ObjectNode> writer) {
        ObjectNode node = object();
        values.forEach((key, value) -> node.set(key, writer.apply(value)));
        return node;
    }

    public static ObjectNode counts(Map<String, Long> values) {
        ObjectNode node = object();
        values.forEach(node::put);
        return node;
    }

    /** Writes a finite number, or null for NaN and infinities. */
    public static void number(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }

    public static void interval(ObjectNode node, String field, ConfidenceInterval interval) {
        if (interval == null || !Double.isFinite(interval.lower()) || !Double.isFinite(interval.upper())) {
            node.putNull(field);
            return;
        }
        ArrayNode array = node.putArray(field);
        array.add(interval.lower());
        array.add(interval.upper());
    }
}
