package dev.refusalguard.policies;

import dev.refusalguard.policies.model.LabeledRequest;
import dev.refusalguard.policies.model.LabeledRequests;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class WeightedPatternsTest {

    @Test
    void derivesRequiredLiteralsFromLeadingWordsAndGroups() {
        assertThat(WeightedPatterns.requiredLiterals("\\bharden(ing|ed)?\\b")).containsExactly("harden");
        assertThat(WeightedPatterns.requiredLiterals("\\b(my|our) (ex|boss)")).containsExactly("my", "our");
        assertThat(WeightedPatterns.requiredLiterals("\\bneighbou?r\\b")).containsExactly("neighbo");
        assertThat(WeightedPatterns.requiredLiterals("\\bids\\b|\\bips\\b")).containsExactly("ids", "ips");
        assertThat(WeightedPatterns.requiredLiterals("\\b(a|b)?c")).isNull();
        assertThat(WeightedPatterns.requiredLiterals("\\bcve-\\d{4}")).containsExactly("cve-");
        assertThat(WeightedPatterns.requiredLiterals("\\b.x")).isNull();
    }

    @Test
    void prefilteredScoresEqualPlainRegexScoresOnEveryLabelledRequest() throws Exception {
        List<LabeledRequest> rows = LabeledRequests.read(Path.of("data/intent-eval.jsonl"));
        String[] regexes = {"\\bharden(ing|ed)?\\b", "\\b(my|our) (ex|boss|neighbou?r)('s)?\\b", "\\bcve-\\d{4}-\\d+",
                "\\bdetect(s|ion|ing)?\\b", "\\bids\\b|\\bips\\b|\\bintrusion (detection|prevention)\\b",
                "\\bexfiltrat\\w* (data|files)? ?(from|out of)\\b", "\\bwithout (being )?(detected|caught)"};
        for (String regex : regexes) {
            WeightedPatterns wp = new WeightedPatterns().add(1, regex);
            Pattern plain = Pattern.compile(regex);
            for (LabeledRequest r : rows) {
                String lower = WeightedPatterns.lower(r.text());
                assertThat(wp.score(lower)).as(regex + " on " + r.id()).isEqualTo(plain.matcher(lower).find() ? 1.0 : 0.0);
            }
        }
    }

    @Test
    void searchStartsAtTheFirstLiteralButStillSeesTheCharBeforeIt() {
        WeightedPatterns wp = new WeightedPatterns().add(1, "\\bharden(ing|ed)?\\b");
        assertThat(wp.score("xharden only")).isZero();               // literal found, but no word boundary before it
        assertThat(wp.score("xharden then hardened")).isEqualTo(1.0); // first literal fails, a later one matches
        assertThat(wp.score("hardenx and harden")).isEqualTo(1.0);
        WeightedPatterns alt = new WeightedPatterns().add(2, "\\bmfa\\b|multi-factor");
        assertThat(alt.score("we use multi-factor and mfax")).isEqualTo(2.0); // the later alternative's literal comes first
        assertThat(alt.score("mfax then mfa")).isEqualTo(2.0);
    }

    @Test
    void everyRulePatternScoresExactlyAsAPlainRegexFind() throws Exception {
        List<String> texts = new java.util.ArrayList<>();
        for (LabeledRequest r : LabeledRequests.read(Path.of("data/intent-eval.jsonl"))) {
            texts.add(WeightedPatterns.lower(r.text()));
        }
        // boundary edge cases: underscores, digits, accents, combining marks, start and end of text
        texts.addAll(List.of("_stig_", "stig", "x stig", "stig_x", "9stig", "stig9", "\u00e9stig", "stig\u00e9",
                "a\u0301stig", "stig\u0301", " \u0301stig", "mfa-", "-mfa-", "multi-factor", "amulti-factorb", ""));
        int literal = 0;
        List<WeightedPatterns> sets = new java.util.ArrayList<>(new IntentRules().patternSets());
        sets.addAll(new CategoryRules().patternSets());
        for (WeightedPatterns set : sets) {
            for (Pattern p : set.patterns()) {
                LiteralPattern fast = LiteralPattern.parse(p.pattern());
                if (fast != null) {
                    literal++;
                }
                WeightedPatterns one = new WeightedPatterns().add(1, p.pattern());
                for (String t : texts) {
                    boolean expected = p.matcher(t).find();
                    assertThat(one.score(t) > 0).as(p.pattern() + " on " + t).isEqualTo(expected);
                    if (fast != null) {
                        assertThat(fast.find(t)).as(p.pattern() + " on " + t).isEqualTo(expected);
                    }
                    for (String edge : new String[] {"_", "\u0301", "1", "\u00e9", " "}) {
                        String framed = edge + t.replace(" ", edge) + edge;
                        assertThat(one.score(framed) > 0).as(p.pattern() + " on " + framed)
                                .isEqualTo(p.matcher(framed).find());
                    }
                }
            }
        }
        assertThat(literal).as("rule patterns on the literal fast path").isGreaterThan(100);
    }

    /** Every rule pattern, with its prefilters (word-start keys or char pairs), scores as a plain find on generated texts. */
    @net.jqwik.api.Property(tries = 500)
    void everyRulePatternScoresAsAPlainFindOnGeneratedTexts(@net.jqwik.api.ForAll long seed) {
        String t = WeightedPatterns.lower(GeneratedWords.text(new java.util.Random(seed), 50, LITERALS));
        for (WeightedPatterns set : RULE_SETS) {
            for (int i = 0; i < set.patterns().size(); i++) {
                Pattern p = set.patterns().get(i);
                assertThat(SINGLES.get(p.pattern()).score(t) > 0).as(p.pattern() + " on " + t).isEqualTo(p.matcher(t).find());
            }
        }
    }

    private static final List<WeightedPatterns> RULE_SETS = new java.util.ArrayList<>();
    private static final java.util.Map<String, WeightedPatterns> SINGLES = new java.util.HashMap<>();
    /** The rule patterns' literals and the words after them (so that whole multi-word patterns occur). */
    private static final List<String> LITERALS = new java.util.ArrayList<>();

    static {
        RULE_SETS.addAll(new IntentRules().patternSets());
        RULE_SETS.addAll(new CategoryRules().patternSets());
        for (WeightedPatterns set : RULE_SETS) {
            for (Pattern p : set.patterns()) {
                SINGLES.computeIfAbsent(p.pattern(), r -> new WeightedPatterns().add(1, r));
                LiteralPattern lit = LiteralPattern.parse(p.pattern());
                String[] lits = lit != null ? lit.literals() : WeightedPatterns.requiredLiterals(p.pattern());
                if (lits != null) {
                    LITERALS.addAll(List.of(lits));
                }
                for (String w : p.pattern().replaceAll("[^a-z0-9' -]+", " ").split(" ")) {
                    if (w.length() > 1) {
                        LITERALS.add(w);
                    }
                }
            }
        }
    }

    @Test
    void onlyLiteralsAndWordBoundariesTakeTheFastPath() {
        assertThat(LiteralPattern.parse("\\bstig\\b")).isNotNull();
        assertThat(LiteralPattern.parse("\\bmfa\\b|multi-factor")).isNotNull();
        assertThat(LiteralPattern.parse("\\bmisconfigur")).isNotNull();
        assertThat(LiteralPattern.parse("\\bharden(ing|ed)?\\b")).isNull();
        assertThat(LiteralPattern.parse("\\bauth\\.log\\b")).isNull();
        assertThat(LiteralPattern.parse("\\bneighbou?r\\b")).isNull();
        assertThat(LiteralPattern.parse("\\b-x")).isNull();
        assertThat(LiteralPattern.parse("a||b")).isNull();
    }
}
