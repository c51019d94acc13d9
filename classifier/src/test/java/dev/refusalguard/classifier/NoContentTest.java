package dev.refusalguard.classifier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NoContentTest {

    @Test
    void emptyWhitespaceAndPunctuationHaveNoContent() {
        assertThat(NoContent.test("")).isTrue();
        assertThat(NoContent.test("  \n\t ")).isTrue();
        assertThat(NoContent.test("...")).isTrue();
        assertThat(NoContent.test("```\n```")).isTrue();
        assertThat(NoContent.test("\u200b")).isTrue();
    }

    @Test
    void anyLetterDigitOrSymbolIsContent() {
        assertThat(NoContent.test("ok")).isFalse();
        assertThat(NoContent.test("7")).isFalse();
        assertThat(NoContent.test("好")).isFalse();
        assertThat(NoContent.test("\uD83D\uDC4D")).isFalse(); // thumbs-up emoji
        assertThat(NoContent.test("$")).isFalse();
    }
}
