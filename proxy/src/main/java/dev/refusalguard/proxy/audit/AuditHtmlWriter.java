package dev.refusalguard.proxy.audit;

import dev.refusalguard.proxy.bias.ChiSquareTest;
import dev.refusalguard.proxy.bias.Format;
import dev.refusalguard.proxy.bias.GroupComparison;
import dev.refusalguard.proxy.bias.HtmlPage;
import dev.refusalguard.proxy.bias.PairedComparison;
import dev.refusalguard.proxy.bias.RateEstimate;
import dev.refusalguard.proxy.bias.SvgBarChart;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** DIR/report.html: the study's tables and SVG bar charts in one self-contained page (no scripts, no assets). */
final class AuditHtmlWriter {

    private static final Map<AuditVariant, String> LABELS = Map.of(
            AuditVariant.ORIGINAL, "original",
            AuditVariant.NEUTRAL_REPHRASE, "neutral rephrase",
            AuditVariant.FREE_TEXT_CLAIM, "free-text claim",
            AuditVariant.STRUCTURED_AUTHORIZATION, "structured authorization");

    private AuditHtmlWriter() {
    }

    static String render(AuditReport report, List<AuditVariant> variants) {
        List<String> labels = variants.stream().map(LABELS::get).toList();
        boolean original = variants.contains(AuditVariant.ORIGINAL);
        HtmlPage page = new HtmlPage("RefusalGuard audit: " + report.model());
        page.paragraph("meta", "Model " + report.model() + " at " + report.endpoint() + " (" + report.format()
                + " format) · generated " + report.generatedAt() + " · " + report.prompts() + " prompts ("
                + report.sensitivePrompts() + " with sensitive wording, " + report.rephrasedPrompts()
                + " changed by the neutral rephrase) · " + report.answers() + " answers"
                + (report.missing() > 0 ? " · " + report.missing() + " missing (failed; rerun to retry)" : ""));
        page.paragraph("note", "Each prompt was sent in these variants: " + String.join(", ", labels) + ". (Original:"
                + " as written; neutral rephrase: sensitive terms replaced by neutral equivalents, evidence untouched;"
                + " free-text claim: prefixed with \"" + report.claimText() + "\"; structured authorization: a structured authorization block as system context.)"
                + " Refusals were detected from provider signals first, then"
                + " by the refusal classifier. Intervals are 95% (Wilson for rates, Katz log method for ratios);"
                + " p-values are Pearson chi-square (1 df) for independent groups and McNemar (exact binomial below"
                + " 25 discordant pairs) for paired prompts.");

        GroupComparison sensitive = report.sensitiveVsNeutral();
        List<String[]> cards = new ArrayList<>();
        PairedComparison rephrase = report.rephraseVsOriginal();
        if (original) {
            cards.add(card("Sensitive vs neutral wording", sensitive));
            if (variants.contains(AuditVariant.FREE_TEXT_CLAIM)) {
                cards.add(card("Free-text claim vs none", report.claimVsNone()));
            }
            if (variants.contains(AuditVariant.STRUCTURED_AUTHORIZATION)) {
                cards.add(card("Structured block vs none", report.structuredVsNone()));
            }
            if (variants.contains(AuditVariant.NEUTRAL_REPHRASE)) {
                cards.add(new String[] {"Neutral rephrase (paired)",
                        Format.percent(rephrase.originalRefusalRate().rate()) + " → "
                                + Format.percent(rephrase.twinRefusalRate().rate()),
                        rephrase.counts().pairs() + " rephrased prompts · McNemar "
                                + Format.pValue(rephrase.mcnemar().pValue())});
            }
        }
        page.cards(cards);

        page.heading(2, "Refusal rate per category and variant");
        SvgBarChart byCategory = new SvgBarChart("Refusal rate per category and variant", labels, true);
        addVariants(byCategory, "all prompts", report.byVariant(), variants);
        report.byCategoryAndVariant().forEach((category, row) -> addVariants(byCategory, category, row, variants));
        page.chart(byCategory);
        List<List<String>> rows = new ArrayList<>();
        rows.add(studyRow("all prompts", report.byVariant(), variants));
        report.byCategoryAndVariant().forEach((category, row) -> rows.add(studyRow(category, row, variants)));
        List<String> headers = new ArrayList<>(List.of("category", "prompts"));
        headers.addAll(labels);
        page.table(headers, rows);
        if (!original) {
            return page.render();
        }

        page.heading(2, "Sensitive vs neutral wording (original prompts)");
        SvgBarChart bySensitivity = new SvgBarChart("Refusal rate: sensitive vs neutral wording",
                List.of("sensitive wording", "neutral wording"), true);
        bySensitivity.addRate("all prompts", 0, sensitive.exposed());
        bySensitivity.addRate("all prompts", 1, sensitive.baseline());
        report.sensitiveVsNeutralByCategory().forEach((category, comparison) -> {
            bySensitivity.addRate(category, 0, comparison.exposed());
            bySensitivity.addRate(category, 1, comparison.baseline());
        });
        page.chart(bySensitivity);

        page.heading(2, "Comparisons");
        List<List<String>> comparisons = new ArrayList<>();
        comparisons.add(comparisonRow("sensitive vs neutral wording (original prompts)", sensitive));
        report.sensitiveVsNeutralByCategory().forEach((category, comparison) ->
                comparisons.add(comparisonRow("sensitive vs neutral, " + category, comparison)));
        if (report.promptClaimVsNone().exposed().defined()) {
            comparisons.add(comparisonRow("prompts already carrying a free-text claim vs none (original prompts)",
                    report.promptClaimVsNone()));
        }
        List<List<String>> paired = new ArrayList<>();
        if (variants.contains(AuditVariant.NEUTRAL_REPHRASE)) {
            paired.add(pairRow("original vs neutral rephrase (rephrased prompts)", rephrase));
        }
        if (variants.contains(AuditVariant.FREE_TEXT_CLAIM)) {
            comparisons.add(comparisonRow("free-text claim vs none", report.claimVsNone()));
            paired.add(pairRow("original vs free-text claim", report.claimPaired()));
        }
        if (variants.contains(AuditVariant.STRUCTURED_AUTHORIZATION)) {
            comparisons.add(comparisonRow("structured authorization vs none", report.structuredVsNone()));
            paired.add(pairRow("original vs structured authorization", report.structuredPaired()));
        }
        page.table(List.of("comparison", "with", "without", "ratio [95% CI]", "chi-square", "p"), comparisons);

        if (!paired.isEmpty()) {
            page.heading(3, "Paired (same prompt, two variants)");
            page.table(List.of("pair", "pairs", "original refused", "variant refused", "only original refused",
                    "only variant refused", "McNemar", "method"), paired);
        }

        if (!report.refusalsBySignal().isEmpty()) {
            page.heading(3, "Refusals by detecting signal");
            List<List<String>> signalRows = new ArrayList<>();
            report.refusalsBySignal().forEach((signal, count) -> signalRows.add(List.of(signal, String.valueOf(count))));
            page.table(List.of("signal", "refusals"), signalRows);
        }
        return page.render();
    }

    private static String[] card(String title, GroupComparison comparison) {
        String headline = comparison.ratio() == null ? "–" : Format.number(comparison.ratio().ratio()) + "×";
        ChiSquareTest chi = comparison.chiSquare();
        return new String[] {title, headline, Format.percent(comparison.exposed().rate()) + " vs "
                + Format.percent(comparison.baseline().rate()) + " · 95% CI "
                + (comparison.ratio() == null ? "–" : Format.numberInterval(comparison.ratio().ci95())) + " · "
                + Format.pValue(chi == null ? Double.NaN : chi.pValue())};
    }

    private static void addVariants(SvgBarChart chart, String group, Map<String, RateEstimate> row,
                                    List<AuditVariant> variants) {
        int series = 0;
        for (AuditVariant variant : variants) {
            RateEstimate rate = row.get(variant.wireName());
            if (rate != null) {
                chart.addRate(group, series, rate);
            }
            series++;
        }
    }

    private static List<String> studyRow(String name, Map<String, RateEstimate> row, List<AuditVariant> variants) {
        List<String> cells = new ArrayList<>();
        cells.add(name);
        long answered = 0;
        for (AuditVariant variant : variants) {
            RateEstimate rate = row.get(variant.wireName());
            answered = Math.max(answered, rate == null ? 0 : rate.trials());
        }
        cells.add(String.valueOf(answered));
        for (AuditVariant variant : variants) {
            RateEstimate rate = row.get(variant.wireName());
            cells.add(rate == null ? "–" : Format.rate(rate));
        }
        return cells;
    }

    private static List<String> comparisonRow(String name, GroupComparison comparison) {
        ChiSquareTest chi = comparison.chiSquare();
        return List.of(name, Format.rate(comparison.exposed()), Format.rate(comparison.baseline()),
                Format.ratio(comparison.ratio()), chi == null ? "–" : Format.number(chi.statistic()),
                Format.pValue(chi == null ? Double.NaN : chi.pValue()));
    }

    private static List<String> pairRow(String name, PairedComparison pairs) {
        return List.of(name, String.valueOf(pairs.counts().pairs()), Format.rate(pairs.originalRefusalRate()),
                Format.rate(pairs.twinRefusalRate()), String.valueOf(pairs.counts().originalOnly()),
                String.valueOf(pairs.counts().twinOnly()), Format.pValue(pairs.mcnemar().pValue()),
                pairs.mcnemar().method());
    }
}
