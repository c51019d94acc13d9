package dev.refusalguard.policies;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyConfigTest {

    private static PolicyConfig parse(String yaml) throws Exception {
        return PolicyConfig.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }

    @Test
    void defaultPolicyFileMatchesTheBuiltInDefaults() throws Exception {
        PolicyConfig shipped = PolicyConfig.loadDefault();
        assertThat(shipped).isEqualTo(parse("{}"));
        assertThat(shipped.intentGate().retryAmbiguous()).isFalse();
        assertThat(shipped.selection().mode()).isEqualTo(SelectionMode.CHAIN);
        assertThat(shipped.selection().chain()).containsExactly(StrategyKind.REPHRASE, StrategyKind.AUTHORIZATION_CONTEXT, StrategyKind.REROUTE);
        assertThat(shipped.budget()).isEqualTo(new RecoveryBudget(2, Duration.ofSeconds(30)));
        assertThat(shipped.audit().logPrompts()).isFalse();
        assertThat(shipped.createSelector()).isInstanceOf(FixedChainSelector.class);
    }

    @Test
    void everyKeyIsRead() throws Exception {
        PolicyConfig p = parse("""
                version: 1
                intent_gate: {retry_ambiguous: true, defensive_at: 0.3, offensive_at: 0.7}
                selection: {mode: adaptive, chain: [reroute, rephrase], exploration_floor: 0.2, seed: 5, counts_file: /tmp/c.json, save_interval: 2m}
                budget: {max_attempts: 3, max_added_time: 1500ms}
                memory: {enabled: false, max_entries: 50, ttl: PT10M}
                lexicon_path: /etc/lex.yaml
                authorization_context: {organisation: Acme, role: SOC analyst, asset_scope: 10.0.0.0/8, engagement_id: IR-1}
                reroute: {gpt-4o: [gpt-4o-mini, claude-haiku]}
                audit: {log_prompts: true}
                """);
        assertThat(p.intentGate().retryAmbiguous()).isTrue();
        assertThat(p.intentGate().thresholds()).isEqualTo(new IntentThresholds(0.3, 0.7));
        assertThat(p.selection().seed()).isEqualTo(5L);
        assertThat(p.selection().saveInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(p.createSelector()).isInstanceOf(AdaptiveSelector.class);
        assertThat(p.budget()).isEqualTo(new RecoveryBudget(3, Duration.ofMillis(1500)));
        assertThat(p.createMemory()).isNull();
        assertThat(p.memory().ttl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(p.lexiconPath()).hasToString("/etc/lex.yaml");
        assertThat(p.authorizationContext().engagementId()).isEqualTo("IR-1");
        assertThat(p.rerouteChain("gpt-4o")).isEqualTo(List.of("gpt-4o-mini", "claude-haiku"));
        assertThat(p.rerouteChain("unknown")).isEmpty();
        assertThat(p.audit().logPrompts()).isTrue();
    }

    @Test
    void unknownKeysAreNamed() {
        assertThatThrownBy(() -> parse("selection: {mdoe: chain}")).hasMessageContaining("selection.mdoe: unknown key");
        assertThatThrownBy(() -> parse("retry: true")).hasMessageContaining("retry: unknown key");
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> parse("selection: {chain: [rephrase, teleport]}")).hasMessageContaining("selection.chain[1]");
        assertThatThrownBy(() -> parse("budget: {max_added_time: soon}")).hasMessageContaining("budget.max_added_time");
        assertThatThrownBy(() -> parse("intent_gate: {defensive_at: 0.8, offensive_at: 0.6}")).hasMessageContaining("defensive_at");
        assertThatThrownBy(() -> parse("authorization_context: {role: analyst}")).hasMessageContaining("authorization_context.organisation");
        assertThatThrownBy(() -> parse("reroute: {gpt-4o: [gpt-4o]}")).hasMessageContaining("reroute.gpt-4o");
        assertThatThrownBy(() -> parse("memory: {max_entries: 0}")).hasMessageContaining("memory.max_entries");
        assertThatThrownBy(() -> parse("audit: {log_prompts: maybe}")).hasMessageContaining("audit.log_prompts");
    }
}
