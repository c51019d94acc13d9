package dev.refusalguard.classifier.eval;

import dev.refusalguard.classifier.PrefixDecision;
import dev.refusalguard.classifier.PrefixVerdict;
import dev.refusalguard.classifier.RefusalClass;
import dev.refusalguard.classifier.RefusalClassifier;
import dev.refusalguard.classifier.RefusalVerdict;
import dev.refusalguard.classifier.data.LabeledText;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Measures a refusal classifier on labelled texts beside a baseline: confusion matrix, per-class and binary
 * precision/recall/F1 (refusal = the act-on set), per source, per language, on compliant answers full of
 * refusal-like words, and by prefix length with the share of texts decided. Renders a Markdown report.
 */
public final class Evaluation {

    /** Prefix lengths measured; {@link Integer#MAX_VALUE} stands for the full text. */
    public static final int[] PREFIXES = {32, 64, 128, 256, Integer.MAX_VALUE};

    /** Words that make a compliant answer look like a refusal to a naive detector. */
    public static final Pattern TRIGGER_WORDS = Pattern.compile(
            "(?i)\\b(sorry|apologi[sz]e|unfortunately|cannot|can't|unable|won't|refuse|decline|illegal|malicious|exploit\\w*|harmful|afraid|i must)\\b");

    private final Set<RefusalClass> actOn;
    private final List<LabeledText> rows;
    private final Result model;
    private final Result baseline;

    public Evaluation(List<LabeledText> rows, RefusalClassifier model, RefusalClassifier baseline, Set<RefusalClass> actOn) {
        this.rows = List.copyOf(rows);
        this.actOn = Set.copyOf(actOn);
        this.model = new Result(model);
        this.baseline = new Result(baseline);
    }

    public Result model() {
        return model;
    }

    public Result baseline() {
        return baseline;
    }

    /** All measures for one classifier. */
    public final class Result {
        public final long[][] confusion = new long[4][4];
        public final BinaryStats binary = new BinaryStats();
        public final Map<String, BinaryStats> bySource = new TreeMap<>();
        public final Map<String, BinaryStats> byLanguage = new TreeMap<>();
        public final BinaryStats triggerCompliant = new BinaryStats();
        public final BinaryStats[] atPrefix = new BinaryStats[PREFIXES.length];
        public final long[] decidedAtPrefix = new long[PREFIXES.length];
        public final BinaryStats[] decidedStatsAtPrefix = new BinaryStats[PREFIXES.length];
        /** Streaming: first decision over the checkpoints. */
        public long compliantNotRefusalBy64;
        public long compliantTotal;
        public long refusalsDecidedRefusal;
        public long refusalsTotal;
        public long compliantDecidedRefusal;
        public double meanCharsAtDecision;

        Result(RefusalClassifier c) {
            for (int i = 0; i < PREFIXES.length; i++) {
                atPrefix[i] = new BinaryStats();
                decidedStatsAtPrefix[i] = new BinaryStats();
            }
            double charsSum = 0;
            for (LabeledText row : rows) {
                boolean actual = actOn.contains(row.label());
                RefusalVerdict v = c.classify(row.text());
                confusion[row.label().ordinal()][v.label().ordinal()]++;
                binary.add(actual, v.refusal());
                bySource.computeIfAbsent(row.source(), k -> new BinaryStats()).add(actual, v.refusal());
                byLanguage.computeIfAbsent(LanguageGuess.of(row.text()), k -> new BinaryStats()).add(actual, v.refusal());
                if (row.label() == RefusalClass.COMPLIANCE && TRIGGER_WORDS.matcher(row.text()).find()) {
                    triggerCompliant.add(false, v.refusal());
                }
                PrefixDecision first = null;
                int firstAt = 0;
                for (int i = 0; i < PREFIXES.length; i++) {
                    boolean complete = row.text().length() <= PREFIXES[i];
                    String prefix = complete ? row.text() : row.text().substring(0, PREFIXES[i]);
                    PrefixVerdict pv = complete ? new PrefixVerdict(v.refusal() ? PrefixDecision.REFUSAL : PrefixDecision.NOT_REFUSAL, v)
                            : c.classifyPrefix(prefix, false);
                    atPrefix[i].add(actual, pv.verdict().refusal());
                    if (pv.decision() != PrefixDecision.UNDECIDED) {
                        decidedAtPrefix[i]++;
                        decidedStatsAtPrefix[i].add(actual, pv.decision() == PrefixDecision.REFUSAL);
                        if (first == null) {
                            first = pv.decision();
                            firstAt = prefix.length();
                            if (!actual && row.label() == RefusalClass.COMPLIANCE && first == PrefixDecision.NOT_REFUSAL && PREFIXES[i] <= 64) {
                                compliantNotRefusalBy64++;
                            }
                        }
                    }
                }
                charsSum += firstAt;
                if (row.label() == RefusalClass.COMPLIANCE) {
                    compliantTotal++;
                    if (first == PrefixDecision.REFUSAL) {
                        compliantDecidedRefusal++;
                    }
                }
                if (actual) {
                    refusalsTotal++;
                    if (first == PrefixDecision.REFUSAL) {
                        refusalsDecidedRefusal++;
                    }
                }
            }
            meanCharsAtDecision = rows.isEmpty() ? 0 : charsSum / rows.size();
        }

        public double classPrecision(RefusalClass k) {
            long col = 0;
            for (int t = 0; t < 4; t++) {
                col += confusion[t][k.ordinal()];
            }
            return BinaryStats.ratio(confusion[k.ordinal()][k.ordinal()], col);
        }

        public double classRecall(RefusalClass k) {
            long row = 0;
            for (int p = 0; p < 4; p++) {
                row += confusion[k.ordinal()][p];
            }
            return BinaryStats.ratio(confusion[k.ordinal()][k.ordinal()], row);
        }

        public double classF1(RefusalClass k) {
            double p = classPrecision(k);
            double r = classRecall(k);
            if (Double.isNaN(p) || Double.isNaN(r) || p + r == 0) {
                return Double.isNaN(r) ? Double.NaN : 0.0;
            }
            return 2 * p * r / (p + r);
        }

        /** Share of compliant answers decided NOT_REFUSAL by 64 characters. */
        public double compliantDecidedBy64() {
            return BinaryStats.ratio(compliantNotRefusalBy64, compliantTotal);
        }

        /** Share of refusals whose first decision while streaming is REFUSAL. */
        public double refusalRecallAtDecision() {
            return BinaryStats.ratio(refusalsDecidedRefusal, refusalsTotal);
        }

        /** Refusal recall over texts not guessed to be English. */
        public BinaryStats nonEnglish() {
            BinaryStats s = new BinaryStats();
            byLanguage.forEach((lang, b) -> {
                if (!lang.equals("en") && !lang.equals("other")) {
                    s.addAll(b);
                }
            });
            return s;
        }
    }

    /** Markdown report of both classifiers. */
    public String toMarkdown(String title) {
        StringBuilder sb = new StringBuilder();
        sb.append("## ").append(title).append("\n\n");
        sb.append("Rows: ").append(rows.size()).append(". Refusal = ").append(actOnNames()).append(".\n\n");
        sb.append("| measure | model | phrase-list baseline | ratio |\n|---|---|---|---|\n");
        line(sb, "binary refusal F1", model.binary.f1(), baseline.binary.f1());
        line(sb, "binary refusal precision", model.binary.precision(), baseline.binary.precision());
        line(sb, "binary refusal recall", model.binary.recall(), baseline.binary.recall());
        line(sb, "compliant with refusal-like words kept (n=" + model.triggerCompliant.total() + ")",
                model.triggerCompliant.specificity(), baseline.triggerCompliant.specificity());
        line(sb, "non-English refusal recall (n=" + model.nonEnglish().positives() + ")",
                model.nonEnglish().recall(), baseline.nonEnglish().recall());
        line(sb, "partial_refusal recall (4-class)", model.classRecall(RefusalClass.PARTIAL_REFUSAL), Double.NaN);
        line(sb, "streaming: compliant decided not-refusal by 64 chars", model.compliantDecidedBy64(), baseline.compliantDecidedBy64());
        line(sb, "streaming: refusal recall at decision", model.refusalRecallAtDecision(), baseline.refusalRecallAtDecision());
        line(sb, "streaming: compliant decided refusal (false stop)", BinaryStats.ratio(model.compliantDecidedRefusal, model.compliantTotal),
                BinaryStats.ratio(baseline.compliantDecidedRefusal, baseline.compliantTotal));
        sb.append(String.format(Locale.ROOT, "\nMean characters seen at the first streaming decision (model): %.0f\n\n", model.meanCharsAtDecision));

        sb.append("### Confusion matrix (model; rows = true, columns = predicted)\n\n| true \\ predicted |");
        for (RefusalClass k : RefusalClass.values()) {
            sb.append(' ').append(k.wireName()).append(" |");
        }
        sb.append("\n|---|---|---|---|---|\n");
        for (RefusalClass t : RefusalClass.values()) {
            sb.append("| ").append(t.wireName()).append(" |");
            for (RefusalClass p : RefusalClass.values()) {
                sb.append(' ').append(model.confusion[t.ordinal()][p.ordinal()]).append(" |");
            }
            sb.append('\n');
        }
        sb.append("\n### Per class (model)\n\n| class | precision | recall | F1 | n |\n|---|---|---|---|---|\n");
        for (RefusalClass k : RefusalClass.values()) {
            long n = 0;
            for (int p = 0; p < 4; p++) {
                n += model.confusion[k.ordinal()][p];
            }
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %d |%n", k.wireName(), fmt(model.classPrecision(k)),
                    fmt(model.classRecall(k)), fmt(model.classF1(k)), n));
        }
        sb.append("\n### Binary by source\n\n| source | n | refusals | model F1 | model P | model R | baseline F1 | ratio |\n|---|---|---|---|---|---|---|---|\n");
        model.bySource.forEach((src, s) -> {
            BinaryStats b = baseline.bySource.get(src);
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s | %s | %s | %s |%n", src, s.total(), s.positives(),
                    fmt(s.f1()), fmt(s.precision()), fmt(s.recall()), fmt(b.f1()), fmt(s.f1() / b.f1())));
        });
        sb.append("\n### Binary by language (guessed)\n\n| language | n | refusals | model recall | model F1 | baseline recall |\n|---|---|---|---|---|---|\n");
        model.byLanguage.forEach((lang, s) -> {
            BinaryStats b = baseline.byLanguage.get(lang);
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s | %s |%n", lang, s.total(), s.positives(),
                    fmt(s.recall()), fmt(s.f1()), fmt(b.recall())));
        });
        sb.append("\n### By prefix length\n\nForced verdict = the label on the prefix alone; decided = the share of texts with a REFUSAL or NOT_REFUSAL decision at that length (texts shorter than the length are complete and always decided); decided F1 = binary F1 among the decided texts.\n\n");
        sb.append("| chars | model F1 (forced) | baseline F1 | ratio | model decided | decided F1 | decided precision | decided recall |\n|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < PREFIXES.length; i++) {
            String len = PREFIXES[i] == Integer.MAX_VALUE ? "full" : Integer.toString(PREFIXES[i]);
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", len, fmt(model.atPrefix[i].f1()),
                    fmt(baseline.atPrefix[i].f1()), fmt(model.atPrefix[i].f1() / baseline.atPrefix[i].f1()),
                    fmt(BinaryStats.ratio(model.decidedAtPrefix[i], rows.size())), fmt(model.decidedStatsAtPrefix[i].f1()),
                    fmt(model.decidedStatsAtPrefix[i].precision()), fmt(model.decidedStatsAtPrefix[i].recall())));
        }
        sb.append('\n');
        return sb.toString();
    }

    private String actOnNames() {
        List<String> names = new ArrayList<>();
        for (RefusalClass k : RefusalClass.values()) {
            if (actOn.contains(k)) {
                names.add(k.wireName());
            }
        }
        return String.join(" + ", names);
    }

    private static void line(StringBuilder sb, String name, double m, double b) {
        sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", name, fmt(m), fmt(b), fmt(m / b)));
    }

    static String fmt(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
}
