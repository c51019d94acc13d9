package dev.refusalguard.proxy.config;

import java.time.Duration;
import java.util.Locale;

/** Parses config durations: {@code 250ms}, {@code 30s}, {@code 2m}, {@code 1h}, or ISO-8601 ({@code PT30S}). */
public final class Durations {

    private Durations() {
    }

    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty duration");
        }
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("pt") || s.startsWith("p")) {
            return Duration.parse(s.toUpperCase(Locale.ROOT));
        }
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("bad duration '" + text + "' (use e.g. 250ms, 30s, 2m)");
        }
        double value = Double.parseDouble(s.substring(0, i));
        String unit = s.substring(i).trim();
        double millis = switch (unit) {
            case "ms" -> value;
            case "s", "" -> value * 1_000;
            case "m" -> value * 60_000;
            case "h" -> value * 3_600_000;
            default -> throw new IllegalArgumentException("bad duration unit in '" + text + "' (ms, s, m, h)");
        };
        return Duration.ofNanos(Math.round(millis * 1_000_000));
    }

    public static String format(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }
}
