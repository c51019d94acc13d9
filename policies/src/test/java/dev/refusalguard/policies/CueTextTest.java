package dev.refusalguard.policies;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written sentence splitter and tokenizer give exactly what the expressions they replace give. */
class CueTextTest {

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+|\\n+");
    private static final Pattern TOKEN = Pattern.compile("[a-z0-9][a-z0-9'+#_.-]*[a-z0-9]|[a-z0-9]|[,;:()]");
    private static final String ALPHABET = "az09'+#_.-,;:()!? \t\n\r\u000b\f\u00a0\u2028éZ";

    @Test
    void splitsAndTokenisesEdgeCasesAsTheExpressions() {
        for (String t : List.of("", " ", "\n", "\n\n", ". ", "a. b", "a.\n\nb", "a!  \n b?\tc", "\na", "a\n", ".\n",
                "x. ", "a.b. c", "it's a-b_c.d e.", "'a'", "-a-", "a,b;c:(d)", "ab..cd", "a'", "é a", "a\u00a0. b")) {
            assertSame(t);
        }
    }

    @Property(tries = 5000)
    void splitsAndTokenisesRandomTextsAsTheExpressions(@ForAll long seed) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder();
        for (int i = r.nextInt(40); i > 0; i--) {
            b.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        assertSame(b.toString());
        assertSame(GeneratedWords.text(r, 30));
    }

    private static final java.util.Set<String> WORDS = java.util.Set.of("write", "a", "az", "0", "a-z", "it's", "09", "z.a");
    private static final CueText.WordHashes HASHES = new CueText.WordHashes(WORDS);

    private static void assertSame(String t) {
        assertThat(CueText.anyTokenIn(t, HASHES)).as("a listed token in '%s'", t)
                .isEqualTo(CueText.tokens(t).stream().anyMatch(k -> WORDS.contains(k.word())));
        assertThat(CueText.sentences(t)).as("sentences of '%s'", t).containsExactlyElementsOf(Arrays.asList(SENTENCE_END.split(t)));
        List<CueText.Token> expected = new ArrayList<>();
        for (Matcher m = TOKEN.matcher(t); m.find(); ) {
            expected.add(new CueText.Token(m.group(), m.start(), m.end()));
        }
        assertThat(CueText.tokens(t)).as("tokens of '%s'", t).containsExactlyElementsOf(expected);
    }
}
