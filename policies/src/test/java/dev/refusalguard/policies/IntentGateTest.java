package dev.refusalguard.policies;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IntentGateTest {

    private static RequestAnalysis analysis(Intent intent) {
        return new RequestAnalysis(TaskCategory.OTHER, List.of(), false, intent, 0.9);
    }

    @Test
    void offensiveRequestsAreNeverRecoveredEvenWhenAmbiguousOnesAre() {
        assertThat(new IntentGate(true).onRefusal(analysis(Intent.OFFENSIVE))).isEqualTo(GateDecision.DENY_OFFENSIVE);
        assertThat(new IntentGate(false).onRefusal(analysis(Intent.OFFENSIVE))).isEqualTo(GateDecision.DENY_OFFENSIVE);
    }

    @Test
    void ambiguousRequestsAreNotRecoveredByDefault() {
        assertThat(new IntentGate(false).mayRecover(analysis(Intent.AMBIGUOUS))).isFalse();
        assertThat(new IntentGate(true).mayRecover(analysis(Intent.AMBIGUOUS))).isTrue();
    }

    @Test
    void defensiveRequestsMayBeRecovered() {
        assertThat(new IntentGate(false).mayRecover(analysis(Intent.DEFENSIVE))).isTrue();
    }

    @Test
    void decisionsAreCounted() {
        IntentGate gate = new IntentGate(false);
        gate.onRefusal(analysis(Intent.OFFENSIVE));
        gate.onRefusal(analysis(Intent.OFFENSIVE));
        gate.onRefusal(analysis(Intent.AMBIGUOUS));
        gate.onRefusal(analysis(Intent.DEFENSIVE));
        assertThat(gate.count(GateDecision.DENY_OFFENSIVE)).isEqualTo(2);
        assertThat(gate.count(GateDecision.DENY_AMBIGUOUS)).isEqualTo(1);
        assertThat(gate.count(GateDecision.RECOVER)).isEqualTo(1);
    }
}
