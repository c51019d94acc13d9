package dev.refusalguard.classifier.experiment;

import dev.refusalguard.classifier.RefusalClass;
import dev.refusalguard.classifier.data.DatasetCurator;
import dev.refusalguard.classifier.data.LabeledText;
import dev.refusalguard.classifier.data.LabeledTextJsonl;
import dev.refusalguard.classifier.eval.Evaluation;
import dev.refusalguard.classifier.text.FeaturizerSpec;
import dev.refusalguard.classifier.text.HashedNgramFeaturizer;
import dev.refusalguard.classifier.text.SparseVector;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * EXPERIMENT (test scope, not part of the build's tests): how consistent are one source's labels on near-identical
 * answers, and what binary F1 could any text-only classifier reach on it? Reads train and validation only (never
 * test.jsonl).
 *
 * <p>Two groupings of the source's rows:
 * <ul>
 *   <li>by normalised opening (lower case, letters and digits only, the first N words);</li>
 *   <li>by cosine similarity of the refusal featurizer's complete-answer vectors (what the model sees): pairs at or
 *   above a threshold, and single-link groups (connected components) at that threshold.</li>
 * </ul>
 * For each it reports the binary (hard + soft vs the rest) label agreement of pairs in a group, the share of grouped
 * rows in groups with both binary labels, and the ceiling: the best binary F1 of any classifier that gives every row
 * of a group the same verdict and is right on every ungrouped row (optimal group choice: groups sorted by their share
 * of refusals, best prefix). A text-only classifier cannot separate texts it cannot tell apart, so at thresholds where
 * grouped texts are near-identical this bounds any classifier from above; at lower thresholds it is only indicative.
 *
 * <pre>
 * java -cp classifier/target/test-classes:classifier/target/classes:$(cat /tmp/cp.txt) \
 *   dev.refusalguard.classifier.experiment.LabelConsistencyExperiment [--data DIR] [--source NAME] [--examples N]
 *   [--hedges | --not-hedges]   (only the rows that speak of themselves as an AI in their first 100 chars, or only the rest)
 *   [--narrow-hedges]           (the hedge shape is only "As an AI language model, I cannot/can't/do not/don't/am not ...")
 * </pre>
 */
public final class LabelConsistencyExperiment {

    static final Set<RefusalClass> REFUSAL = Set.of(RefusalClass.HARD_REFUSAL, RefusalClass.SOFT_REFUSAL);
    static final double[] THRESHOLDS = {0.95, 0.9, 0.85, 0.8, 0.7};
    static final int[] OPENING_WORDS = {6, 10, 16};
    /**
     * The shape whose labels disagree (docs/classifier.md): an answer that speaks of itself as an AI in its first 100
     * characters ("As an AI language model, I cannot / do not ...", "I'm sorry, as an AI language model ...", "As a
     * language model AI, it is not appropriate ...").
     */
    static final java.util.regex.Pattern HEDGE_OPENING = java.util.regex.Pattern.compile(
            "\\b(as an ai|an ai language model|language model)\\b", java.util.regex.Pattern.CASE_INSENSITIVE);
    static java.util.function.Predicate<String> HEDGE = t -> HEDGE_OPENING.matcher(t.substring(0, Math.min(100, t.length()))).find();
    /** The narrower hedge shape of round 3's count (--narrow-hedges): "As an AI language model, I cannot / do not ...". */
    static final java.util.function.Predicate<String> NARROW_HEDGE = java.util.regex.Pattern.compile(
            "^As an AI language model, I (cannot|can't|do not|don't|am not)\\b", java.util.regex.Pattern.CASE_INSENSITIVE).asPredicate();

    public static void main(String[] args) throws Exception {
        Path data = Path.of("classifier/data");
        String source = "chatgpt-refusals";
        int examples = 0;
        java.util.function.Predicate<String> subset = t -> true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--source" -> source = args[++i];
                case "--examples" -> examples = Integer.parseInt(args[++i]);
                case "--narrow-hedges" -> HEDGE = NARROW_HEDGE;
                case "--hedges" -> subset = t -> HEDGE.test(t);
                case "--not-hedges" -> subset = t -> !HEDGE.test(t);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        List<LabeledText> rows = new ArrayList<>();
        for (String split : List.of("train", "validation")) {
            for (LabeledText r : LabeledTextJsonl.read(data.resolve(split + ".jsonl"))) {
                if (r.source().equals(source) && subset.test(r.text())) {
                    rows.add(r);
                }
            }
        }
        int n = rows.size();
        boolean[] y = new boolean[n];
        int positives = 0;
        for (int i = 0; i < n; i++) {
            y[i] = REFUSAL.contains(rows.get(i).label());
            positives += y[i] ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "source %s, train + validation: %d rows, %d refusals (hard + soft), base rate %.3f%n",
                source, n, positives, positives / (double) n);
        System.out.printf(Locale.ROOT, "chance pair agreement (two random rows share the binary label): %.3f%n%n",
                chanceAgreement(positives, n));

        System.out.println("## grouped by normalised opening (first N words)");
        System.out.println("| N | groups (size >= 2) | rows in groups | pair agreement (pairs) | rows in mixed groups | ceiling F1 |");
        System.out.println("|---|---|---|---|---|---|");
        for (int words : OPENING_WORDS) {
            Map<String, List<Integer>> byOpening = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                byOpening.computeIfAbsent(opening(rows.get(i).text(), words), k -> new ArrayList<>()).add(i);
            }
            report(Integer.toString(words), new ArrayList<>(byOpening.values()), y, positives);
        }

        HashedNgramFeaturizer f = new HashedNgramFeaturizer(FeaturizerSpec.refusalDefault());
        List<SparseVector> x = new ArrayList<>(n);
        for (LabeledText r : rows) {
            x.add(unit(f.featurize(r.text(), true)));
        }
        float[][] cos = new float[n][n];
        float[] dense = new float[FeaturizerSpec.refusalDefault().dims()];
        for (int i = 0; i < n; i++) {
            SparseVector a = x.get(i);
            for (int k = 0; k < a.size(); k++) {
                dense[a.indices()[k]] = a.values()[k];
            }
            for (int j = i + 1; j < n; j++) {
                SparseVector b = x.get(j);
                double s = 0;
                for (int k = 0; k < b.size(); k++) {
                    s += dense[b.indices()[k]] * b.values()[k];
                }
                cos[i][j] = (float) s;
                cos[j][i] = (float) s;
            }
            for (int k = 0; k < a.size(); k++) {
                dense[a.indices()[k]] = 0;
            }
        }

        System.out.println();
        System.out.println("## pairs by cosine of the featurizer's complete-answer vectors");
        System.out.println("| cosine | pairs | binary agreement | 4-class agreement | implied flip rate | implied F1 ceiling |");
        System.out.println("|---|---|---|---|---|---|");
        double[] edges = {1.01, 0.95, 0.9, 0.85, 0.8, 0.7, 0.6};
        for (int b = 0; b + 1 < edges.length; b++) {
            long pairs = 0;
            long agree = 0;
            long agree4 = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    if (cos[i][j] >= edges[b + 1] && cos[i][j] < edges[b]) {
                        pairs++;
                        agree += y[i] == y[j] ? 1 : 0;
                        agree4 += rows.get(i).label() == rows.get(j).label() ? 1 : 0;
                    }
                }
            }
            double a = agree / (double) Math.max(1, pairs);
            double e = flipRate(1 - a);
            System.out.printf(Locale.ROOT, "| [%.2f, %.2f) | %d | %.3f | %.3f | %.3f | %.3f |%n", edges[b + 1], Math.min(1.0, edges[b]), pairs,
                    a, agree4 / (double) Math.max(1, pairs), e, noisyCeilingF1(e, positives / (double) n));
        }

        System.out.println();
        System.out.println("## by shape: pairs with cosine in [0.60, 0.80) within the hedge shape and within the rest");
        System.out.println("(the rest is the control: if similar-but-different answers disagreed for what they say, the rest would disagree too)");
        System.out.println("| shape | rows | refusal rate | pairs | binary agreement | chance agreement | implied flip rate | implied F1 ceiling |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        int[][] shapeCounts = new int[2][];   // {rows, refusals, pairs, agreeing pairs}
        Map<String, Integer> disagreeing = new java.util.TreeMap<>();
        for (int h = 0; h < 2; h++) {
            boolean hedge = h == 0;
            int rowsIn = 0;
            int pos = 0;
            int pairs = 0;
            int agree = 0;
            for (int i = 0; i < n; i++) {
                if (HEDGE.test(rows.get(i).text()) != hedge) {
                    continue;
                }
                rowsIn++;
                pos += y[i] ? 1 : 0;
                for (int j = i + 1; j < n; j++) {
                    if (HEDGE.test(rows.get(j).text()) == hedge && cos[i][j] >= 0.6 && cos[i][j] < 0.8) {
                        pairs++;
                        agree += y[i] == y[j] ? 1 : 0;
                        if (hedge && y[i] != y[j]) {
                            String a = rows.get(i).label().wireName();
                            String b = rows.get(j).label().wireName();
                            disagreeing.merge(a.compareTo(b) < 0 ? a + " / " + b : b + " / " + a, 1, Integer::sum);
                        }
                    }
                }
            }
            shapeCounts[h] = new int[] {rowsIn, pos, pairs, agree};
            double e = flipRate(1 - agree / (double) Math.max(1, pairs));
            System.out.printf(Locale.ROOT, "| %s | %d | %.3f | %d | %.3f | %.3f | %.3f | %.3f |%n", hedge ? "hedge shape" : "rest",
                    rowsIn, pos / (double) Math.max(1, rowsIn), pairs, agree / (double) Math.max(1, pairs),
                    chanceAgreement(pos, Math.max(1, rowsIn)), e, noisyCeilingF1(e, pos / (double) Math.max(1, rowsIn)));
        }
        System.out.printf(Locale.ROOT, "implied source F1 ceiling (each shape's flip rate, true labels predicted exactly): %.3f"
                        + " (%.3f .. %.3f with each agreement at -/+ 1.96 standard errors, pairs taken as independent)%n",
                pooledCeiling(shapeCounts, 0), pooledCeiling(shapeCounts, -1.96), pooledCeiling(shapeCounts, 1.96));
        System.out.println("disagreeing hedge pairs by their labels: " + disagreeing);

        // the compliant-with-refusal-words pool of the cross-validation (train, public rows): how many of its rows would a
        // classifier naming the true labels flag? Those labelled compliance in the hedge shape whose true label is a
        // refusal: posterior t e / (t e + (1 - t)(1 - e)) under the hedge shape's noise model.
        int[] hc = shapeCounts[0];
        double he = flipRate(1 - hc[3] / (double) Math.max(1, hc[2]));
        double ht = Math.max(0, Math.min(1, (hc[1] / (double) Math.max(1, hc[0]) - he) / (1 - 2 * he)));
        double posterior = ht * he / (ht * he + (1 - ht) * (1 - he));
        int pool = 0;
        int hedgesInPool = 0;
        for (LabeledText r : LabeledTextJsonl.read(data.resolve("train.jsonl"))) {
            if (r.label() == RefusalClass.COMPLIANCE && !r.source().equals(DatasetCurator.WRITTEN_SOURCE)
                    && Evaluation.TRIGGER_WORDS.matcher(r.text()).find()) {
                pool++;
                hedgesInPool += r.source().equals(source) && HEDGE.test(r.text()) ? 1 : 0;
            }
        }
        System.out.printf(Locale.ROOT, "compliant-with-refusal-words pool of the cross-validation: %d rows, %d of them %s hedges;"
                + " a classifier naming the true labels would flag %.1f%% of those (%.1f rows): kept ceiling %.3f%n",
                pool, hedgesInPool, source, 100 * posterior, posterior * hedgesInPool, 1 - posterior * hedgesInPool / Math.max(1, pool));

        System.out.println();
        System.out.println("## nearest neighbour (each row's most similar other row)");
        System.out.println("| nearest cosine | rows | same binary label |");
        System.out.println("|---|---|---|");
        int[] nn = new int[n];
        for (int i = 0; i < n; i++) {
            int best = -1;
            for (int j = 0; j < n; j++) {
                if (j != i && (best < 0 || cos[i][j] > cos[i][best])) {
                    best = j;
                }
            }
            nn[i] = best;
        }
        for (int b = 0; b + 1 < edges.length; b++) {
            int c = 0;
            int same = 0;
            for (int i = 0; i < n; i++) {
                float s = cos[i][nn[i]];
                if (s >= edges[b + 1] && s < edges[b]) {
                    c++;
                    same += y[i] == y[nn[i]] ? 1 : 0;
                }
            }
            System.out.printf(Locale.ROOT, "| [%.2f, %.2f) | %d | %.3f |%n", edges[b + 1], Math.min(1.0, edges[b]), c, same / (double) Math.max(1, c));
        }

        System.out.println();
        System.out.println("## single-link groups at a cosine threshold");
        System.out.println("| cosine >= | groups (size >= 2) | rows in groups | pair agreement (pairs) | rows in mixed groups | ceiling F1 |");
        System.out.println("|---|---|---|---|---|---|");
        for (double t : THRESHOLDS) {
            report(String.format(Locale.ROOT, "%.2f", t), components(cos, t), y, positives);
        }

        if (examples > 0) {
            System.out.println();
            System.out.println("## examples: most similar pairs with different binary labels");
            List<int[]> mixed = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    if (y[i] != y[j] && cos[i][j] >= 0.7) {
                        mixed.add(new int[] {i, j});
                    }
                }
            }
            mixed.sort(Comparator.comparingDouble((int[] p) -> -cos[p[0]][p[1]]));
            for (int[] p : mixed.subList(0, Math.min(examples, mixed.size()))) {
                System.out.printf(Locale.ROOT, "cos %.3f%n  %-15s %s%n  %-15s %s%n", cos[p[0]][p[1]], rows.get(p[0]).label().wireName(),
                        snippet(rows.get(p[0]).text()), rows.get(p[1]).label().wireName(), snippet(rows.get(p[1]).text()));
            }
        }
    }

    static void report(String title, List<List<Integer>> groups, boolean[] y, int positives) {
        long pairs = 0;
        long agree = 0;
        int grouped = 0;
        int mixedRows = 0;
        int multi = 0;
        List<int[]> counts = new ArrayList<>();   // {refusals, size}
        for (List<Integer> g : groups) {
            int pos = 0;
            for (int i : g) {
                pos += y[i] ? 1 : 0;
            }
            int size = g.size();
            if (size >= 2) {
                multi++;
                grouped += size;
                pairs += (long) size * (size - 1) / 2;
                agree += (long) pos * (pos - 1) / 2 + (long) (size - pos) * (size - pos - 1) / 2;
                if (pos > 0 && pos < size) {
                    mixedRows += size;
                }
            }
            counts.add(new int[] {pos, size});
        }
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %.3f (%d) | %d | %.3f |%n", title, multi, grouped,
                agree / (double) Math.max(1, pairs), pairs, mixedRows, ceilingF1(counts, positives));
    }

    /**
     * Best binary F1 over predictions constant within each group (rows of a pure group are all right; a mixed group is
     * all predicted refusal or all not). F1 = 2TP / (TP + FP + P) is maximised by a prefix of the groups sorted by their
     * share of refusals (Dinkelbach), so every prefix is tried.
     */
    static double ceilingF1(List<int[]> counts, int positives) {
        List<int[]> sorted = new ArrayList<>(counts);
        sorted.sort(Comparator.comparingDouble((int[] c) -> -c[0] / (double) c[1]));
        double best = 0;
        long tp = 0;
        long predicted = 0;
        for (int[] c : sorted) {
            tp += c[0];
            predicted += c[1];
            best = Math.max(best, 2.0 * tp / (predicted + positives));
        }
        return best;
    }

    static List<List<Integer>> components(float[][] cos, double t) {
        int n = cos.length;
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (cos[i][j] >= t) {
                    parent[find(parent, i)] = find(parent, j);
                }
            }
        }
        Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(i);
        }
        return new ArrayList<>(groups.values());
    }

    static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /**
     * The flip rate e of a symmetric label-noise model under which two copies of one answer, each labelled with an
     * independent flip, disagree at rate d = 2e(1 - e).
     */
    static double flipRate(double d) {
        return d >= 0.5 ? 0.5 : (1 - Math.sqrt(1 - 2 * d)) / 2;
    }

    /**
     * Expected binary F1 against the observed labels of a classifier that always names the true label, when each
     * label is flipped at rate e and the observed refusal rate is {@code observed}: true rate t = (observed - e) / (1 - 2e);
     * TP = t(1 - e), FP = t e, FN = (1 - t) e.
     */
    static double noisyCeilingF1(double e, double observed) {
        if (e >= 0.5) {
            return Double.NaN;
        }
        double t = Math.max(0, Math.min(1, (observed - e) / (1 - 2 * e)));
        return 2 * t * (1 - e) / (2 * t * (1 - e) + t * e + (1 - t) * e);
    }

    /** Pooled expected F1 over shapes {rows, refusals, pairs, agreeing pairs}, each agreement moved by z standard errors. */
    static double pooledCeiling(int[][] shapes, double z) {
        double tp = 0;
        double fp = 0;
        double fn = 0;
        for (int[] c : shapes) {
            double a = c[3] / (double) Math.max(1, c[2]);
            a = Math.max(0, Math.min(1, a + z * Math.sqrt(a * (1 - a) / Math.max(1, c[2]))));
            double e = flipRate(1 - a);
            double observed = c[1] / (double) Math.max(1, c[0]);
            double t = Math.max(0, Math.min(1, (observed - e) / (1 - 2 * e)));
            tp += c[0] * t * (1 - e);
            fp += c[0] * t * e;
            fn += c[0] * (1 - t) * e;
        }
        return 2 * tp / (2 * tp + fp + fn);
    }

    static double chanceAgreement(int positives, int n) {
        double p = positives / (double) n;
        return p * p + (1 - p) * (1 - p);
    }

    static String opening(String text, int words) {
        String[] w = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}' ]+", " ").trim().split("\\s+");
        return String.join(" ", java.util.Arrays.copyOf(w, Math.min(words, w.length)));
    }

    static SparseVector unit(SparseVector v) {
        double s = 0;
        for (float f : v.values()) {
            s += f * f;
        }
        float inv = (float) (1 / Math.sqrt(Math.max(s, 1e-12)));
        float[] out = v.values().clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= inv;
        }
        return new SparseVector(v.indices(), out);
    }

    static String snippet(String text) {
        String t = text.replace('\n', ' ');
        return t.length() <= 200 ? t : t.substring(0, 200) + " ...";
    }
}
