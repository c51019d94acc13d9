package dev.refusalguard.classifier.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PrefixThresholdTunerTest {

    @Test
    void wilsonLowerBoundIsBelowThePointValueAndTightensWithMoreTrials() {
        double small = PrefixThresholdTuner.wilsonLowerBound(0.95, 100);
        double large = PrefixThresholdTuner.wilsonLowerBound(0.95, 10_000);
        assertThat(small).isLessThan(large).isLessThan(0.95);
        assertThat(large).isCloseTo(0.95, within(0.005));
        assertThat(PrefixThresholdTuner.wilsonLowerBound(0.5, 0)).isZero();
    }

    @Test
    void thresholdsKeepTheRecallFloorAsALowerBound() {
        // 300 refusals whose 32-char score is 0.45 and full-text score 0.9; 300 compliant answers at 0.1 throughout.
        List<PrefixThresholdTuner.Sample> samples = new ArrayList<>();
        boolean[] open = {false, false, false, false, true};
        for (int i = 0; i < 300; i++) {
            samples.add(new PrefixThresholdTuner.Sample(new double[]{0.45, 0.45, 0.9, 0.9, 0.9}, open, true, false));
            samples.add(new PrefixThresholdTuner.Sample(new double[]{0.1, 0.1, 0.1, 0.1, 0.1}, open, false, true));
        }
        PrefixThresholdTuner.Choice c = PrefixThresholdTuner.tune(samples, 0.5, 0.93, 0.02);
        // Deciding "not refusal" at 0.45 would lose every refusal: the floor forces the not-refusal threshold below it.
        assertThat(c.notRefusalBelow()).isLessThan(0.45);
        assertThat(c.recallAtDecision()).isEqualTo(1.0);
        assertThat(c.compliantBy64()).isEqualTo(1.0);
        assertThat(c.refusals()).isEqualTo(300);
    }
}
