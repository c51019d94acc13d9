package dev.refusalguard.proxy.bias;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RateRatioTest {

    @Test
    void studyHeadlineRatesGiveTheStudysRatioOf272() {
        RateRatio ratio = RateRatio.katz(305, 1000, 112, 1000);
        assertThat(ratio.ratio()).isCloseTo(2.72, within(0.005));
        assertThat(ratio.corrected()).isFalse();
        // Katz: SE = sqrt(1/305 - 1/1000 + 1/112 - 1/1000) = 0.10103
        assertThat(ratio.ci95().lower()).isCloseTo(2.2340, within(1e-4));
        assertThat(ratio.ci95().upper()).isCloseTo(3.3196, within(1e-4));
    }

    @Test
    void authorizationClaimFindingIsARatioAboveOne() {
        // The study: a free-text claim raised refusals, 21.8% vs 11.6%.
        RateRatio ratio = RateRatio.katz(218, 1000, 116, 1000);
        assertThat(ratio.ratio()).isCloseTo(1.879, within(0.001));
        assertThat(ratio.ci95().lower()).isGreaterThan(1.0);
    }

    @Test
    void equalRatesGiveAnIntervalAroundOne() {
        RateRatio ratio = RateRatio.katz(50, 500, 50, 500);
        assertThat(ratio.ratio()).isEqualTo(1.0);
        assertThat(ratio.ci95().contains(1.0)).isTrue();
    }

    @Test
    void zeroBaselineEventsUsesTheHaldaneCorrectionInsteadOfInfinity() {
        RateRatio ratio = RateRatio.katz(5, 20, 0, 20);
        assertThat(ratio.corrected()).isTrue();
        assertThat(ratio.ratio()).isCloseTo((5.5 / 21) / (0.5 / 21), within(1e-9));
        assertThat(ratio.ci95().upper()).isFinite();
    }

    @Test
    void zeroExposedEventsGiveRatioZeroWithAnIntervalFromZero() {
        // a tiny exposed group with no refusals must not look like a bias (the corrected estimate would be 3.9)
        RateRatio ratio = RateRatio.katz(0, 4, 2, 96);
        assertThat(ratio.ratio()).isZero();
        assertThat(ratio.ci95().lower()).isZero();
        assertThat(ratio.ci95().upper()).isGreaterThan(1.0);
        assertThat(ratio.corrected()).isTrue();
    }

    @Test
    void noRatioExistsWithoutTrialsOrWithoutAnyEvents() {
        assertThat(RateRatio.katz(1, 10, 0, 0)).isNull();
        assertThat(RateRatio.katz(0, 10, 0, 10)).isNull();
    }
}
