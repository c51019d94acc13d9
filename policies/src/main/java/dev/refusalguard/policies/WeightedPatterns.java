package dev.refusalguard.policies;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A list of case-insensitive regular expressions with weights; the score of a text is the sum of those found. */
final class WeightedPatterns {

    private final List<Pattern> patterns = new ArrayList<>();
    private final List<Double> weights = new ArrayList<>();

    WeightedPatterns add(double weight, String... regexes) {
        for (String regex : regexes) {
            patterns.add(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
            weights.add(weight);
        }
        return this;
    }

    double score(String text) {
        double sum = 0;
        for (int i = 0; i < patterns.size(); i++) {
            if (patterns.get(i).matcher(text).find()) {
                sum += weights.get(i);
            }
        }
        return sum;
    }
}
