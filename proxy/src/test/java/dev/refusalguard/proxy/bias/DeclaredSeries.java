package dev.refusalguard.proxy.bias;

import dev.refusalguard.proxy.metrics.MeterCatalogue;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Series names the proxy exports according to MeterCatalogue, and a finder for names used in text. */
final class DeclaredSeries {

    /** A series name: not preceded by a name character or ':' (recording rules are named refusalguard:...). */
    static final Pattern SERIES_NAME = Pattern.compile("(?<![A-Za-z0-9_:])refusalguard_[a-z0-9_]+");
    /** A recording-rule name. */
    static final Pattern RECORDED_NAME = Pattern.compile("(?<![A-Za-z0-9_:])refusalguard:[a-z0-9_:]+");

    private DeclaredSeries() {
    }

    /** Every name a declared meter can appear under in Prometheus. */
    static Set<String> allowedNames() {
        Set<String> allowed = new HashSet<>();
        for (MeterCatalogue meter : MeterCatalogue.values()) {
            allowed.add(meter.meterName());
            allowed.add(meter.prometheusName());
            if (meter.type() == MeterCatalogue.Type.TIMER || meter.type() == MeterCatalogue.Type.SUMMARY) {
                for (String suffix : new String[] {"_count", "_sum", "_max", "_bucket"}) {
                    allowed.add(meter.prometheusName() + suffix);
                }
            }
        }
        return allowed;
    }

    static Set<String> find(Pattern pattern, String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }

    static Set<String> undeclared(String text) {
        Set<String> names = find(SERIES_NAME, text);
        names.removeAll(allowedNames());
        return names;
    }
}
