package dev.refusalguard.policies;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class RecoveryMemoryFingerprintTest {

    private static final char[] ALPHABET = {' ', ' ', '\t', '\n', '\r', '\f', '\u000B', '\u00a0', '\u2003', 'a', 'B',
            'z', '9', '.', '\u00e9', 'K', '\u212a'};

    @Test
    void whitespaceCollapseEqualsTheRegularExpressionOnRandomTexts() {
        SplittableRandom random = new SplittableRandom(7);
        for (int t = 0; t < 20_000; t++) {
            int len = random.nextInt(0, 40);
            StringBuilder sb = new StringBuilder(len);
            for (int i = 0; i < len; i++) {
                sb.append(ALPHABET[random.nextInt(ALPHABET.length)]);
            }
            String text = sb.toString();
            assertThat(RecoveryMemory.collapseWhitespace(text)).as("text %s", text.codePoints().boxed().toList())
                    .isEqualTo(text.replaceAll("\\s+", " "));
        }
    }

    @Test
    void fingerprintIgnoresCaseAndWhitespaceRunsButNotWords() {
        String a = RecoveryMemory.fingerprint("GPT-4o", "  Explain  this\tpayload\n\nplease ");
        assertThat(RecoveryMemory.fingerprint("gpt-4o", "explain this payload please")).isEqualTo(a);
        assertThat(RecoveryMemory.fingerprint("gpt-4o", "explain that payload please")).isNotEqualTo(a);
        assertThat(a).hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void anEmptyMemorySaysSoUntilSomethingIsRemembered() {
        RecoveryMemory memory = new RecoveryMemory(10, Duration.ofMinutes(1));
        assertThat(memory.isEmpty()).isTrue();
        memory.remember(RecoveryMemory.fingerprint("m", "t"), StrategyKind.REPHRASE);
        assertThat(memory.isEmpty()).isFalse();
    }
}
