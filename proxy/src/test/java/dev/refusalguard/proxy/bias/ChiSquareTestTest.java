package dev.refusalguard.proxy.bias;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ChiSquareTestTest {

    @Test
    void pearsonStatisticAndPValueMatchHandComputation() {
        // 200 (20*90 - 80*10)^2 / (100 * 100 * 30 * 170) = 3.92157, p = 0.04767 (chi-square, 1 df)
        ChiSquareTest test = ChiSquareTest.pearson(20, 80, 10, 90);
        assertThat(test.statistic()).isCloseTo(3.921569, within(1e-6));
        assertThat(test.pValue()).isCloseTo(0.0476704, within(1e-7));
    }

    @Test
    void studySizedDifferenceIsHighlySignificant() {
        ChiSquareTest test = ChiSquareTest.fromRates(305, 1000, 112, 1000);
        assertThat(test.statistic()).isGreaterThan(100);
        assertThat(test.pValue()).isLessThan(1e-20).isPositive();
    }

    @Test
    void identicalRowsGiveStatisticZeroAndPOne() {
        ChiSquareTest test = ChiSquareTest.pearson(10, 90, 10, 90);
        assertThat(test.statistic()).isZero();
        assertThat(test.pValue()).isEqualTo(1.0);
    }

    @Test
    void emptyMarginHasNoTest() {
        assertThat(ChiSquareTest.pearson(0, 0, 3, 4)).isNull();
        assertThat(ChiSquareTest.pearson(0, 5, 0, 4)).isNull();
    }

    @Test
    void largeCountsDoNotOverflow() {
        ChiSquareTest test = ChiSquareTest.pearson(3_000_000_000L, 7_000_000_000L, 1_000_000_000L, 9_000_000_000L);
        assertThat(test.statistic()).isFinite().isPositive();
    }
}
