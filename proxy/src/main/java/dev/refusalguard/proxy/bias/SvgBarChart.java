package dev.refusalguard.proxy.bias;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A horizontal bar chart as inline SVG: rows grouped by label, one bar per series, optional confidence-interval
 * whiskers, hover titles. Static markup only (no script, no external fonts or styles), so it renders offline in any
 * browser and in headless screenshots.
 */
public final class SvgBarChart {

    /** Colour-blind-safe palette (Okabe-Ito). */
    private static final String[] PALETTE = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"};
    private static final int LABEL_WIDTH = 200;
    private static final int PLOT_WIDTH = 440;
    private static final int VALUE_WIDTH = 170;
    private static final int BAR_HEIGHT = 14;
    private static final int BAR_GAP = 3;
    private static final int GROUP_GAP = 10;
    private static final int TOP = 44;

    private final String title;
    private final List<String> seriesNames;
    private final boolean percent;
    private final Map<String, List<Bar>> groups = new LinkedHashMap<>();

    private record Bar(int series, double value, ConfidenceInterval ci, String valueLabel) {
    }

    /**
     * @param title       chart heading (also the accessible name)
     * @param seriesNames one per bar in a group, shown in the legend
     * @param percent     values are proportions (axis 0..100%); otherwise plain numbers (for example ratios)
     */
    public SvgBarChart(String title, List<String> seriesNames, boolean percent) {
        if (seriesNames.isEmpty() || seriesNames.size() > PALETTE.length) {
            throw new IllegalArgumentException("a chart needs 1.." + PALETTE.length + " series: " + seriesNames);
        }
        this.title = title;
        this.seriesNames = List.copyOf(seriesNames);
        this.percent = percent;
    }

    /** Adds a bar; a NaN value draws "no data". {@code ci} may be null. */
    public SvgBarChart add(String group, int series, double value, ConfidenceInterval ci, String valueLabel) {
        if (series < 0 || series >= seriesNames.size()) {
            throw new IllegalArgumentException("series index out of range: " + series);
        }
        groups.computeIfAbsent(group, key -> new ArrayList<>()).add(new Bar(series, value, ci, valueLabel));
        return this;
    }

    /** Adds a proportion with its Wilson interval, labelled like "30.5% (305/1000)". */
    public SvgBarChart addRate(String group, int series, RateEstimate rate) {
        String label = rate.defined() ? Format.percent(rate.rate()) + " (" + rate.events() + "/" + rate.trials() + ")"
                : "no data";
        return add(group, series, rate.rate(), rate.ci95(), label);
    }

    public boolean isEmpty() {
        return groups.isEmpty();
    }

    public String render() {
        double axisMax = axisMax();
        int rows = 0;
        for (List<Bar> bars : groups.values()) {
            rows += bars.size();
        }
        int height = TOP + rows * (BAR_HEIGHT + BAR_GAP) + groups.size() * GROUP_GAP + 30;
        int width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH;
        StringBuilder svg = new StringBuilder(4096);
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\""
                        + " aria-label=\"%s\" font-family=\"sans-serif\" font-size=\"12\">%n",
                width, height, width, height, Format.escape(title)));
        svg.append("<title>").append(Format.escape(title)).append("</title>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"14\" font-size=\"14\" font-weight=\"bold\">%s</text>%n",
                Format.escape(title)));
        legend(svg);
        int plotTop = TOP - 6;
        int plotBottom = height - 24;
        grid(svg, axisMax, plotTop, plotBottom);
        int y = TOP;
        for (Map.Entry<String, List<Bar>> group : groups.entrySet()) {
            List<Bar> bars = group.getValue();
            int groupHeight = bars.size() * (BAR_HEIGHT + BAR_GAP);
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" dominant-baseline=\"middle\">%s</text>%n",
                    LABEL_WIDTH - 8, y + groupHeight / 2, Format.escape(group.getKey())));
            for (Bar bar : bars) {
                bar(svg, bar, y, axisMax, group.getKey());
                y += BAR_HEIGHT + BAR_GAP;
            }
            y += GROUP_GAP;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private void legend(StringBuilder svg) {
        int x = LABEL_WIDTH;
        for (int i = 0; i < seriesNames.size(); i++) {
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"22\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                            + "<text x=\"%d\" y=\"32\">%s</text>%n",
                    x, PALETTE[i], x + 16, Format.escape(seriesNames.get(i))));
            x += 26 + 7 * seriesNames.get(i).length();
        }
    }

    private void grid(StringBuilder svg, double axisMax, int top, int bottom) {
        double step = tickStep(axisMax);
        int ticks = (int) Math.round(axisMax / step);
        for (int i = 0; i <= ticks; i++) {
            double value = step * i;
            double x = LABEL_WIDTH + PLOT_WIDTH * value / axisMax;
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%s</text>%n",
                    x, top, x, bottom, x, bottom + 14, percent ? Format.percent0(value) : Format.number(value)));
        }
        if (!percent && axisMax > 1.0) {
            double one = LABEL_WIDTH + PLOT_WIDTH / axisMax;
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\" stroke-dasharray=\"4 3\"/>%n",
                    one, top, one, bottom));
        }
    }

    private void bar(StringBuilder svg, Bar bar, int y, double axisMax, String group) {
        String tooltip = Format.escape(group + " / " + seriesNames.get(bar.series()) + ": " + bar.valueLabel()
                + (bar.ci() == null ? "" : ", 95% CI " + interval(bar.ci())));
        if (!Double.isFinite(bar.value())) {
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" dominant-baseline=\"middle\" fill=\"#888\">%s<title>%s</title></text>%n",
                    LABEL_WIDTH + 4, y + BAR_HEIGHT / 2, Format.escape(bar.valueLabel()), tooltip));
            return;
        }
        double width = PLOT_WIDTH * Math.min(bar.value(), axisMax) / axisMax;
        svg.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>%n",
                LABEL_WIDTH, y, Math.max(width, 0.5), BAR_HEIGHT, PALETTE[bar.series()], tooltip));
        double labelX = LABEL_WIDTH + width;
        if (bar.ci() != null) {
            double low = LABEL_WIDTH + PLOT_WIDTH * Math.min(bar.ci().lower(), axisMax) / axisMax;
            double high = LABEL_WIDTH + PLOT_WIDTH * Math.min(bar.ci().upper(), axisMax) / axisMax;
            int mid = y + BAR_HEIGHT / 2;
            svg.append(String.format(Locale.ROOT,
                    "<g stroke=\"#222\" stroke-width=\"1.2\"><line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>"
                            + "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>"
                            + "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/></g>%n",
                    low, mid, high, mid, low, y + 2, low, y + BAR_HEIGHT - 2, high, y + 2, high, y + BAR_HEIGHT - 2));
            labelX = Math.max(labelX, high);
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" dominant-baseline=\"middle\">%s</text>%n",
                Math.min(labelX + 6, LABEL_WIDTH + PLOT_WIDTH + 4), y + BAR_HEIGHT / 2, Format.escape(bar.valueLabel())));
    }

    private String interval(ConfidenceInterval ci) {
        return percent ? Format.percentInterval(ci) : Format.numberInterval(ci);
    }

    /** Round tick spacing that divides the axis exactly: 10% (or 5%, 2%) for rates, the axis step otherwise. */
    private double tickStep(double axisMax) {
        if (percent) {
            return axisMax >= 0.3 - 1e-9 ? 0.1 : axisMax >= 0.1 - 1e-9 ? 0.05 : 0.02;
        }
        return numberStep(axisMax);
    }

    private static double numberStep(double max) {
        return max <= 2 ? 0.5 : max <= 5 ? 1.0 : max <= 20 ? 5.0 : 10.0;
    }

    private double axisMax() {
        double max = 0.0;
        for (List<Bar> bars : groups.values()) {
            for (Bar bar : bars) {
                if (Double.isFinite(bar.value())) {
                    max = Math.max(max, bar.value());
                }
                if (bar.ci() != null && Double.isFinite(bar.ci().upper())) {
                    max = Math.max(max, bar.ci().upper());
                }
            }
        }
        if (percent) {
            // next 10% step above the largest value, at least 10%, at most 100%
            return Math.min(1.0, Math.max(0.1, Math.ceil(max * 10.0 - 1e-9) / 10.0));
        }
        double step = numberStep(max);
        return Math.max(step, Math.ceil(max / step - 1e-9) * step);
    }
}
