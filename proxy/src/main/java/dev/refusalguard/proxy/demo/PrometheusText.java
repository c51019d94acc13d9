package dev.refusalguard.proxy.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A small reader of the Prometheus text exposition format: one sample per line,
 * {@code name{label="value",...} value [timestamp]}; comments and blank lines are skipped. Enough for the
 * demo table; not a full parser (no exemplars, no escaped newlines in label values).
 */
public final class PrometheusText {

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {
        public Sample {
            Objects.requireNonNull(name, "name");
            labels = Map.copyOf(labels);
        }
    }

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = List.copyOf(samples);
    }

    public static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String raw : text.split("\\R")) {
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Sample s = parseLine(line);
            if (s != null) {
                samples.add(s);
            }
        }
        return new PrometheusText(samples);
    }

    private static Sample parseLine(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        String name;
        Map<String, String> labels = new LinkedHashMap<>();
        String rest;
        if (brace >= 0 && (space < 0 || brace < space)) {
            name = line.substring(0, brace);
            int close = labelsEnd(line, brace + 1);
            if (close < 0) {
                return null;
            }
            parseLabels(line.substring(brace + 1, close), labels);
            rest = line.substring(close + 1).trim();
        } else if (space > 0) {
            name = line.substring(0, space);
            rest = line.substring(space + 1).trim();
        } else {
            return null;
        }
        String[] parts = rest.split("\\s+");
        if (parts.length == 0 || parts[0].isEmpty()) {
            return null;
        }
        double value;
        try {
            value = switch (parts[0]) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(parts[0]);
            };
        } catch (NumberFormatException e) {
            return null;
        }
        return new Sample(name, labels, value);
    }

    private static int labelsEnd(String line, int from) {
        boolean quoted = false;
        for (int i = from; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '}' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static void parseLabels(String body, Map<String, String> labels) {
        int i = 0;
        while (i < body.length()) {
            int eq = body.indexOf('=', i);
            if (eq < 0) {
                return;
            }
            String key = body.substring(i, eq).trim();
            if (key.startsWith(",")) {
                key = key.substring(1).trim();
            }
            int q = body.indexOf('"', eq);
            if (q < 0) {
                return;
            }
            StringBuilder value = new StringBuilder();
            int j = q + 1;
            for (; j < body.length(); j++) {
                char c = body.charAt(j);
                if (c == '\\' && j + 1 < body.length()) {
                    char n = body.charAt(++j);
                    value.append(n == 'n' ? '\n' : n);
                } else if (c == '"') {
                    break;
                } else {
                    value.append(c);
                }
            }
            labels.put(key, value.toString());
            i = j + 1;
            while (i < body.length() && (body.charAt(i) == ',' || body.charAt(i) == ' ')) {
                i++;
            }
        }
    }

    public List<Sample> samples() {
        return samples;
    }

    /** True when any sample has this name. */
    public boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }

    /** Sum of the samples named {@code name} that pass {@code filter}, grouped by the value of {@code label}. */
    public Map<String, Double> sumBy(String name, String label, Predicate<Map<String, String>> filter) {
        Map<String, Double> by = new TreeMap<>();
        for (Sample s : samples) {
            if (s.name().equals(name) && filter.test(s.labels())) {
                by.merge(s.labels().getOrDefault(label, ""), s.value(), Double::sum);
            }
        }
        return by;
    }
}
