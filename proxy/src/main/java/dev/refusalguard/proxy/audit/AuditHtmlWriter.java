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

    private static final List<String> VARIANT_LABELS = List.of("original", "neutral rephrase", "free-text claim",
            "structured authorization");

    private AuditHtmlWriter() {
    }

    static String render(AuditReport report) {
        HtmlPage page = new HtmlPage("RefusalGuard audit: " + report.model());
        page.paragraph("meta", "Model " + report.model() + " at " + report.endpoint() + " (" + report.format()
                + " format) · generated " + report.generatedAt() + " · " + report.prompts() + " prompts ("
                + report.sensitivePrompts() + " with sensitive wording, " + report.rephrasedPrompts()
                + " changed by the neutral rephrase) · " + report.answers() + " answers"
                + (report.missing() > 0 ? " · " + report.missing() + " missing (failed; rerun to retry)" : ""));
        page.paragraph("note", "Each prompt was sent four times: as written; with sensitive terms rephrased neutrally"
                + " (evidence untouched); prefixed with a free-text authorization claim; and with a structured"
                + " authorization block as system context. Refusals were detected from provider signals first, then"
                + " by the refusal classifier. Intervals are 95% (Wilson for rates, Katz log method for ratios);"
                + " p-values are Pearson chi-square (1 df) for independent groups and McNemar (exact binomial below"
                + " 25 discordant pairs) for paired prompts.");

        GroupComparison sensitive = report.sensitiveVsNeutral();
        List<String[]> cards = new ArrayList<>();
        cards.add(card("Sensitive vs neutral wording", sensitive));
        cards.add(card("Free-text claim vs none", report.claimVsNone()));
        cards.add(card("Structured block vs none", report.structuredVsNone()));
        PairedComparison rephrase = report.rephraseVsOriginal();
        cards.add(new String[] {"Neutral rephrase (paired)",
                Format.percent(rephrase.originalRefusalRate().rate()) + " → "
                        + Format.percent(rephrase.twinRefusalRate().rate()),
                rephrase.counts().pairs() + " rephrased prompts · McNemar " + Format.pValue(rephrase.mcnemar().pValue())});
        page.cards(cards);

        page.heading(2, "Refusal rate per category and variant");
        SvgBarChart byCategory = new SvgBarChart("Refusal rate per category and variant", VARIANT_LABELS, true);
        addVariants(byCategory, "all prompts", report.byVariant());
        report.byCategoryAndVariant().forEach((category, row) -> addVariants(byCategory, category, row));
        page.chart(byCategory);
        List<List<String>> rows = new ArrayList<>();
        rows.add(studyRow("all prompts", report.byVariant()));
        report.byCategoryAndVariant().forEach((category, row) -> rows.add(studyRow(category, row)));
        page.table(List.of("category", "answered prompts", "original", "neutral rephrase", "free-text claim",
                "structured authorization"), rows);

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
        comparisons.add(comparisonRow("free-text claim vs none", report.claimVsNone()));
        comparisons.add(comparisonRow("structured authorization vs none", report.structuredVsNone()));
        page.table(List.of("comparison", "with", "without", "ratio [95% CI]", "chi-square", "p"), comparisons);

        page.heading(3, "Paired (same prompt, two variants)");
        List<List<String>> paired = new ArrayList<>();
        paired.add(pairRow("original vs neutral rephrase (rephrased prompts)", rephrase));
        paired.add(pairRow("original vs free-text claim", report.claimPaired()));
        paired.add(pairRow("original vs structured authorization", report.structuredPaired()));
        page.table(List.of("pair", "pairs", "original refused", "variant refused", "only original refused",
                "only variant refused", "McNemar", "method"), paired);

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

    private static void addVariants(SvgBarChart chart, String group, Map<String, RateEstimate> row) {
        int series = 0;
        for (AuditVariant variant : AuditVariant.values()) {
            RateEstimate rate = row.get(variant.wireName());
            if (rate != null) {
                chart.addRate(group, series, rate);
            }
            series++;
        }
    }

    private static List<String> studyRow(String name, Map<String, RateEstimate> row) {
        List<String> cells = new ArrayList<>();
        cells.add(name);
        RateEstimate original = row.get(AuditVariant.ORIGINAL.wireName());
        cells.add(String.valueOf(original == null ? 0 : original.trials()));
        for (AuditVariant variant : AuditVariant.values()) {
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
