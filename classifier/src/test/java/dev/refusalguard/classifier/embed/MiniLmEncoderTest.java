package dev.refusalguard.classifier.embed;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MiniLmEncoderTest {

    private static MiniLmEncoder encoder;

    @BeforeAll
    static void load() {
        encoder = MiniLmEncoder.load(128);
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    @Test
    void embeddingsAreUnitLengthWithTheEncoderWidth() {
        float[] v = encoder.embed("Disable SMBv1 and require SMB signing on every file server.");
        assertThat(v).hasSize(MiniLmEncoder.DIMS);
        assertThat(cosine(v, v)).isCloseTo(1.0, within(1e-4));
    }

    @Test
    void twoWordingsOfOneRefusalAreCloserThanARefusalAndAnAnswer() {
        float[] refusal = encoder.embed("I'm sorry, but I can't help with that request.");
        float[] paraphrase = encoder.embed("Apologies, I am unable to assist with this.");
        float[] answer = encoder.embed("Run Get-WinEvent on the domain controller and filter event ID 4625 by source address.");
        assertThat(cosine(refusal, paraphrase)).isGreaterThan(cosine(refusal, answer) + 0.2);
    }

    @Test
    void theSameTextGivesTheSameVector() {
        String text = "As an AI language model, I cannot take sides on this question.";
        assertThat(encoder.embed(text)).containsExactly(encoder.embed(text));
    }

    @Test
    void longTextsAreTruncatedToTheTokenBudget() {
        String longText = "The log shows repeated failed logons from one address. ".repeat(200);
        assertThat(encoder.embed(longText)).hasSize(MiniLmEncoder.DIMS);
    }
}
