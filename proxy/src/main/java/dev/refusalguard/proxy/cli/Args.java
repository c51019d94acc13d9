package dev.refusalguard.proxy.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Minimal {@code --flag value} / {@code --switch} parser with a clear error for unknown flags. */
final class Args {

    private final Map<String, String> values = new LinkedHashMap<>();

    private Args() {
    }

    /**
     * @param withValue flags that take a value
     * @param switches  flags without a value
     */
    static Args parse(String[] args, Set<String> withValue, Set<String> switches) {
        Args parsed = new Args();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String name = a;
            String inline = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                inline = a.substring(eq + 1);
            }
            if (withValue.contains(name)) {
                String v = inline;
                if (v == null) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(name + " needs a value");
                    }
                    v = args[++i];
                }
                parsed.values.put(name, v);
            } else if (switches.contains(name) && inline == null) {
                parsed.values.put(name, "true");
            } else {
                throw new IllegalArgumentException("unknown option " + a + " (known: "
                        + String.join(", ", sorted(withValue, switches)) + ")");
            }
        }
        return parsed;
    }

    private static List<String> sorted(Set<String> a, Set<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).sorted().toList();
    }

    String get(String name) {
        return values.get(name);
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    int intValue(String name, int fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + v + "'");
        }
    }
}
