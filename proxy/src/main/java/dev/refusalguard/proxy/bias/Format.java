package dev.refusalguard.proxy.bias;

import java.util.Locale;

/** Number and text formatting shared by the HTML pages (fixed locale so output is stable). */
public final class Format {

    private Format() {
    }

    public static String percent(double rate) {
        return Double.isFinite(rate) ? String.format(Locale.ROOT, "%.1f%%", rate * 100.0) : "–";
    }

    static String percent0(double rate) {
        return String.format(Locale.ROOT, "%.0f%%", rate * 100.0);
    }

    public static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.2f", value) : "–";
    }

    public static String percentInterval(ConfidenceInterval ci) {
        return ci == null ? "–" : "[" + percent(ci.lower()) + ", " + percent(ci.upper()) + "]";
    }

    public static String numberInterval(ConfidenceInterval ci) {
        return ci == null ? "–" : "[" + number(ci.lower()) + ", " + number(ci.upper()) + "]";
    }

    /** "p &lt; 0.001", "p = 0.032", or a dash when there is no test. */
    public static String pValue(double p) {
        if (!Double.isFinite(p)) {
            return "–";
        }
        if (p < 0.001) {
            return "p < 0.001";
        }
        return String.format(Locale.ROOT, "p = %.3f", p);
    }

    public static String rate(RateEstimate rate) {
        if (!rate.defined()) {
            return "– (0 requests)";
        }
        return percent(rate.rate()) + " " + percentInterval(rate.ci95()) + " (" + rate.events() + "/" + rate.trials() + ")";
    }

    public static String ratio(RateRatio ratio) {
        if (ratio == null) {
            return "–";
        }
        return number(ratio.ratio()) + "× " + numberInterval(ratio.ci95()) + (ratio.corrected() ? " (0.5-corrected)" : "");
    }

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
