package dev.refusalguard.proxy.bias;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link BiasReport} as one self-contained HTML page (GET /bias with Accept: text/html): summary cards,
 * inline SVG bar charts with 95% interval whiskers, and the numbers behind them. No scripts, no external assets.
 */
public final class BiasHtmlRenderer {

    private BiasHtmlRenderer() {
    }

    public static String render(BiasReport report) {
        HtmlPage page = new HtmlPage("RefusalGuard: refusal bias");
        page.paragraph("meta", "Generated " + report.generatedAt() + " · counting since " + report.startedAt()
                + " · rolling window " + report.windowLength().toMinutes() + " min");
        page.paragraph("note", "Refusal rate = agent requests whose first upstream answer was a refusal / agent requests"
                + " (what the agent would see without the proxy). Intervals are 95%: Wilson for rates, Katz (log) for"
                + " ratios; p-values are Pearson chi-square (1 df) for independent groups and McNemar for shadow pairs.");
        section(page, "Rolling window (" + report.windowLength().toMinutes() + " min)", report.window());
        section(page, "Since start", report.sinceStart());
        return page.render();
    }

    private static void section(HtmlPage page, String name, PeriodReport period) {
        page.heading(2, name);
        page.paragraph("meta", period.from() + " to " + period.to());
        GroupComparison sensitive = period.sensitiveVsNeutral();
        GroupComparison claim = period.authClaimVsNone();
        PairedComparison shadow = period.shadowPairs();
        List<String[]> cards = new ArrayList<>();
        cards.add(new String[] {"Refusal rate", Format.percent(period.refusalRate().rate()),
                Format.percentInterval(period.refusalRate().ci95()) + " · " + period.refusalRate().events() + "/"
                        + period.refusalRate().trials() + " requests"});
        cards.add(new String[] {"Sensitive vs neutral wording", ratioHeadline(sensitive),
                comparisonDetail(sensitive)});
        cards.add(new String[] {"Authorization claim vs none", ratioHeadline(claim), comparisonDetail(claim)});
        cards.add(shadow.counts().pairs() == 0
                ? new String[] {"Shadow pairs (original vs neutral twin)", "0",
                    "none in this period (shadow probing is off by default)"}
                : new String[] {"Shadow pairs (original vs neutral twin)", String.valueOf(shadow.counts().pairs()),
                    Format.percent(shadow.originalRefusalRate().rate()) + " vs "
                            + Format.percent(shadow.twinRefusalRate().rate()) + " refused · McNemar "
                            + Format.pValue(shadow.mcnemar().pValue())});
        page.cards(cards);

        SvgBarChart byCategory = new SvgBarChart("Refusal rate per category", List.of("refusal rate"), true);
        byCategory.addRate("all requests", 0, period.refusalRate());
        period.refusalRateByCategory().forEach((category, rate) -> {
            if (rate.defined()) {
                byCategory.addRate(category, 0, rate);
            }
        });
        page.chart(byCategory);

        SvgBarChart bySensitivity = new SvgBarChart("Sensitive vs neutral wording",
                List.of("sensitive wording", "neutral wording"), true);
        addComparison(bySensitivity, "all requests", sensitive);
        period.sensitiveVsNeutralByCategory().forEach((category, comparison) -> {
            if (comparison.exposed().defined() || comparison.baseline().defined()) {
                addComparison(bySensitivity, category, comparison);
            }
        });
        page.chart(bySensitivity);

        SvgBarChart byClaim = new SvgBarChart("Free-text authorization claim vs none",
                List.of("with claim", "without claim"), true);
        addComparison(byClaim, "all requests", claim);
        page.chart(byClaim);

        SvgBarChart byModel = new SvgBarChart("Refusal rate per model", List.of("refusal rate"), true);
        period.refusalRateByModel().forEach((model, rate) -> {
            if (rate.defined()) {
                byModel.addRate(model, 0, rate);
            }
        });
        page.chart(byModel);

        SvgBarChart recovery = new SvgBarChart("Recovery rate per strategy", List.of("recovered"), true);
        period.recoveryRateByStrategy().forEach((strategy, rate) -> {
            if (rate.defined()) {
                recovery.addRate(strategy, 0, rate);
            }
        });
        page.chart(recovery);

        page.heading(3, "Comparisons");
        List<List<String>> rows = new ArrayList<>();
        rows.add(comparisonRow("sensitive vs neutral, all", sensitive));
        period.sensitiveVsNeutralByCategory().forEach((category, comparison) -> {
            if (comparison.exposed().defined() || comparison.baseline().defined()) {
                rows.add(comparisonRow("sensitive vs neutral, " + category, comparison));
            }
        });
        rows.add(comparisonRow("authorization claim vs none", claim));
        page.table(List.of("comparison", "exposed", "baseline", "ratio [95% CI]", "chi-square", "p"), rows);

        if (shadow.counts().pairs() > 0) {
            page.heading(3, "Shadow probing (paired)");
            List<List<String>> pairRows = new ArrayList<>();
            pairRows.add(pairRow("all", shadow));
            period.shadowPairsByCategory().forEach((category, pairs) -> pairRows.add(pairRow(category, pairs)));
            page.table(List.of("category", "pairs", "original refused", "twin refused", "original only", "twin only",
                    "McNemar", "method"), pairRows);
        }

        page.heading(3, "Counts");
        List<List<String>> countRows = new ArrayList<>();
        addCounts(countRows, "outcome", period.outcomes());
        addCounts(countRows, "refusal signal", period.refusalsBySignal());
        addCounts(countRows, "intent", period.intents());
        page.table(List.of("kind", "value", "count"), countRows);
    }

    private static void addComparison(SvgBarChart chart, String group, GroupComparison comparison) {
        chart.addRate(group, 0, comparison.exposed());
        chart.addRate(group, 1, comparison.baseline());
    }

    private static String ratioHeadline(GroupComparison comparison) {
        return comparison.ratio() == null ? "–" : Format.number(comparison.ratio().ratio()) + "×";
    }

    private static String comparisonDetail(GroupComparison comparison) {
        return Format.percent(comparison.exposed().rate()) + " vs " + Format.percent(comparison.baseline().rate())
                + " · 95% CI " + (comparison.ratio() == null ? "–" : Format.numberInterval(comparison.ratio().ci95()))
                + " · " + Format.pValue(comparison.chiSquare() == null ? Double.NaN : comparison.chiSquare().pValue());
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

    private static void addCounts(List<List<String>> rows, String kind, Map<String, Long> counts) {
        counts.forEach((name, count) -> rows.add(List.of(kind, name, String.valueOf(count))));
    }
}
