package dev.refusalguard.deploy;

import java.math.BigDecimal;
import java.util.Map;

/** Kubernetes resource quantities (the suffixes the manifests use) as plain numbers for comparisons. */
final class Quantity {

    private static final Map<String, BigDecimal> SUFFIXES = Map.of(
            "m", new BigDecimal("0.001"),
            "k", BigDecimal.valueOf(1000L),
            "M", BigDecimal.valueOf(1000L * 1000),
            "G", BigDecimal.valueOf(1000L * 1000 * 1000),
            "Ki", BigDecimal.valueOf(1024L),
            "Mi", BigDecimal.valueOf(1024L * 1024),
            "Gi", BigDecimal.valueOf(1024L * 1024 * 1024));

    private Quantity() {
    }

    static BigDecimal parse(String text) {
        String t = text.trim();
        for (String suffix : new String[] {"Ki", "Mi", "Gi", "m", "k", "M", "G"}) {
            if (t.endsWith(suffix)) {
                return new BigDecimal(t.substring(0, t.length() - suffix.length())).multiply(SUFFIXES.get(suffix));
            }
        }
        return new BigDecimal(t);
    }
}
