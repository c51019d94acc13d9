package dev.refusalguard.proxy.admin;

import java.util.Locale;

/**
 * Content negotiation for {@code GET /bias}: HTML only when the Accept header ranks text/html strictly above
 * application/json by q-value (the most specific matching range decides each type's q); JSON otherwise, and for a
 * missing header or a tie.
 */
final class BiasMediaType {

    private BiasMediaType() {
    }

    static boolean prefersHtml(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        return quality(accept, "text", "html") > quality(accept, "application", "json");
    }

    /** The q-value the header gives {@code type/subtype}: from its most specific matching range, 0 if none. */
    static double quality(String accept, String type, String subtype) {
        int bestSpecificity = -1;
        double q = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String media = parts[0].trim().toLowerCase(Locale.ROOT);
            int slash = media.indexOf('/');
            if (slash < 0) {
                continue;
            }
            String t = media.substring(0, slash).trim();
            String s = media.substring(slash + 1).trim();
            int specificity;
            if (t.equals(type) && s.equals(subtype)) {
                specificity = 2;
            } else if (t.equals(type) && s.equals("*")) {
                specificity = 1;
            } else if (t.equals("*") && s.equals("*")) {
                specificity = 0;
            } else {
                continue;
            }
            if (specificity > bestSpecificity) {
                bestSpecificity = specificity;
                q = qValue(parts);
            }
        }
        return q;
    }

    private static double qValue(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.startsWith("q=") || p.startsWith("Q=")) {
                try {
                    double v = Double.parseDouble(p.substring(2).trim());
                    return v < 0 || v > 1 || Double.isNaN(v) ? 0 : v;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
