package dev.refusalguard.proxy.bias;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class McNemarTestTest {

    @Test
    void fewDiscordantPairsUseTheExactBinomialTest() {
        // 2 * P(X <= 1), X ~ Bin(7, 1/2) = 2 * 8 / 128
        McNemarTest test = McNemarTest.of(6, 1);
        assertThat(test.method()).isEqualTo(McNemarTest.EXACT);
        assertThat(test.pValue()).isCloseTo(0.125, within(1e-12));
    }

    @Test
    void exactTestAgreesWithBinomialTailForTwentyPairs() {
        // 2 * sum_{i<=5} C(20,i) / 2^20 = 0.041389...
        assertThat(McNemarTest.of(15, 5).pValue()).isCloseTo(0.04138946533203125, within(1e-12));
    }

    @Test
    void manyDiscordantPairsUseTheCorrectedChiSquare() {
        // Agresti's approval-rating table: b = 150, c = 86 -> (|150-86|-1)^2 / 236 = 16.818
        McNemarTest test = McNemarTest.of(150, 86);
        assertThat(test.method()).isEqualTo(McNemarTest.CHI_SQUARE);
        assertThat(test.statistic()).isCloseTo(16.8178, within(1e-4));
        assertThat(test.pValue()).isCloseTo(4.11456e-5, within(1e-9));
    }

    @Test
    void noDiscordantPairsMeansNoEvidenceOfADifference() {
        McNemarTest test = McNemarTest.of(0, 0);
        assertThat(test.pValue()).isEqualTo(1.0);
        assertThat(test.statistic()).isNaN();
    }

    @Test
    void balancedDiscordantPairsGivePOne() {
        assertThat(McNemarTest.of(5, 5).pValue()).isEqualTo(1.0);
        assertThat(McNemarTest.of(40, 40).pValue()).isEqualTo(1.0);
    }

    @Test
    void exactTestHandlesLargeNWithoutOverflow() {
        assertThat(McNemarTest.exactTwoSided(500, 2000)).isGreaterThanOrEqualTo(0.0).isLessThan(1e-50);
    }
}
