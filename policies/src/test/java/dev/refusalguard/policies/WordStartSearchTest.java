package dev.refusalguard.policies;

import dev.refusalguard.policies.model.LabeledRequest;
import dev.refusalguard.policies.model.LabeledRequests;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class WordStartSearchTest {

    @Test
    void reportsExactlyTheMatchesOfAPlainFind() throws Exception {
        List<String> texts = new ArrayList<>();
        for (LabeledRequest r : LabeledRequests.read(Path.of("data/intent-eval.jsonl"))) {
            texts.add(WeightedPatterns.lower(r.text()));
        }
        texts.addAll(List.of("not harden it", "can't detect", "_detect", "x\u0301detect", "\u0301detect", "",
                "steal steal stealing passwords", "so the edr never sees it", "hides from antivirus and evades edr"));
        List<Pattern> patterns = List.of(IntentRules.PROTECTIVE_ACTION.pattern(),
                Pattern.compile("\\b(?:steal|stealing|harvest)\\b"),
                Pattern.compile("\\b(?:hides?|evades?)(?: [\\w'-]+){0,3}? (?:antivirus|edr|defender)\\b|\\bso (?:the )?edr never sees\\b"),
                Pattern.compile("\\b(?:logs?|detect)(?: all| the)? (?:keystrokes|events)\\b"));
        int matches = 0;
        for (Pattern p : patterns) {
            WordStartPattern w = WordStartPattern.of(p);
            for (String t : texts) {
                List<int[]> expected = new ArrayList<>();
                for (Matcher m = p.matcher(t); m.find(); ) {
                    expected.add(new int[] {m.start(), m.end()});
                }
                List<int[]> actual = new ArrayList<>();
                for (WordStartSearch s = new WordStartSearch(w, t); s.next(); ) {
                    actual.add(new int[] {s.start(), s.end()});
                }
                assertThat(actual).as(p.pattern() + " on " + t).containsExactlyElementsOf(expected);
                assertThat(WordStartSearch.find(w, t)).isEqualTo(!expected.isEmpty());
                matches += expected.size();
            }
        }
        assertThat(matches).isGreaterThan(50);
    }

    /** The prefix-filtered search equals a plain find for every expression of the module, on generated texts. */
    @Property(tries = 2000)
    void equalsAPlainFindOnGeneratedTexts(@ForAll long seed) {
        String text = GeneratedWords.text(new java.util.Random(seed), 40);
        for (Pattern p : MatchPrefixesTest.moduleWordStartPatterns()) {
            WordStartPattern w = WordStartPattern.of(p);
            List<int[]> expected = new ArrayList<>();
            for (Matcher m = p.matcher(text); m.find(); ) {
                expected.add(new int[] {m.start(), m.end()});
            }
            List<int[]> actual = new ArrayList<>();
            for (WordStartSearch s = new WordStartSearch(w, text); s.next(); ) {
                actual.add(new int[] {s.start(), s.end()});
            }
            assertThat(actual).as(p.pattern() + " on " + text).containsExactlyElementsOf(expected);
        }
    }
}
