package dev.refusalguard.proxy.bias;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateEstimateTest {

    /** Newcombe (1998), Statistics in Medicine 17:857, Table I, method 3 (score interval without correction). */
    @ParameterizedTest(name = "{0}/{1} -> [{2}, {3}]")
    @CsvSource({
        "81, 263, 0.2553, 0.3662",
        "15, 148, 0.0624, 0.1605",
        "0, 20, 0.0000, 0.1611",
        "1, 29, 0.0061, 0.1718",
    })
    void wilsonIntervalMatchesNewcombesPublishedExamples(long events, long trials, double lower, double upper) {
        ConfidenceInterval ci = RateEstimate.of(events, trials).ci95();
        assertThat(ci.lower()).isCloseTo(lower, within(0.00006));
        assertThat(ci.upper()).isCloseTo(upper, within(0.00006));
    }

    @Test
    void studyHeadlineRateHasItsPointEstimateInsideTheInterval() {
        RateEstimate sensitive = RateEstimate.of(305, 1000);
        assertThat(sensitive.rate()).isEqualTo(0.305);
        assertThat(sensitive.ci95().contains(0.305)).isTrue();
        assertThat(sensitive.ci95().lower()).isCloseTo(0.27726, within(1e-5));
        assertThat(sensitive.ci95().upper()).isCloseTo(0.33424, within(1e-5));
    }

    @Test
    void allEventsGivesUpperBoundOne() {
        assertThat(RateEstimate.of(7, 7).ci95().upper()).isEqualTo(1.0);
    }

    @Test
    void noTrialsHasNoRateAndNoInterval() {
        RateEstimate empty = RateEstimate.of(0, 0);
        assertThat(empty.defined()).isFalse();
        assertThat(empty.rate()).isNaN();
        assertThat(empty.ci95()).isNull();
    }

    @Test
    void moreEventsThanTrialsIsRejected() {
        assertThatThrownBy(() -> RateEstimate.of(3, 2)).hasMessageContaining("events <= trials");
    }
}
