package dev.refusalguard.proxy.bias;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ComplementaryErrorFunctionTest {

    @ParameterizedTest(name = "erfc({0}) = {1}")
    @CsvSource({
        "0.0, 1.0",
        "0.1, 0.8875370839817152",
        "0.5, 0.4795001221869535",
        "1.0, 0.15729920705028513",
        "2.0, 0.004677734981047265",
        "3.0, 2.2090496998585438e-05",
        "5.0, 1.5374597944280351e-12",
        "-1.0, 1.842700792949715",
    })
    void erfcMatchesReferenceValuesToSevenSignificantDigits(double x, double expected) {
        double actual = ComplementaryErrorFunction.erfc(x);
        assertThat(Math.abs(actual - expected) / expected).isLessThan(2e-7);
    }

    @ParameterizedTest(name = "chi2 {0} -> p {1}")
    @CsvSource({
        "3.841458820694124, 0.05",
        "6.634896601021214, 0.01",
        "10.827566170662733, 0.001",
        "0.0, 1.0",
    })
    void chiSquareCriticalValuesGiveTheirSignificanceLevels(double statistic, double expected) {
        assertThat(ComplementaryErrorFunction.chiSquareOneDofPValue(statistic)).isCloseTo(expected, within(expected * 1e-6));
    }

    @Test
    void negativeChiSquareStatisticIsRejected() {
        assertThatThrownBy(() -> ComplementaryErrorFunction.chiSquareOneDofPValue(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
