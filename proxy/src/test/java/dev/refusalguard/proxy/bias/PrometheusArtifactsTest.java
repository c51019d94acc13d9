package dev.refusalguard.proxy.bias;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus rules and the Grafana dashboard use only series the proxy declares, and the dashboard only
 * recording rules that exist. (promtool checks the PromQL itself in .ci/checks/prometheus.sh.)
 */
class PrometheusArtifactsTest {

    private final JsonNode rules = readYaml("deploy/prometheus/refusalguard-rules.yml");
    private final JsonNode dashboard = readJson("deploy/grafana/refusalguard-dashboard.json");

    @Test
    void rulesUseOnlyDeclaredSeries() {
        for (String expr : ruleExpressions()) {
            assertThat(DeclaredSeries.undeclared(expr)).as(expr).isEmpty();
        }
    }

    @Test
    void rulesUseOnlyRecordingRulesDefinedInTheSameFile() {
        Set<String> recorded = recordedNames();
        for (String expr : ruleExpressions()) {
            assertThat(recorded).as(expr).containsAll(DeclaredSeries.find(DeclaredSeries.RECORDED_NAME, expr));
        }
    }

    @Test
    void rulesRecordTheStudyMeasuresAndAlertOnThem() {
        assertThat(recordedNames()).contains("refusalguard:refusal_rate:ratio_rate15m",
                "refusalguard:refusal_rate_by_category:ratio_rate15m", "refusalguard:refusal_rate_by_model:ratio_rate15m",
                "refusalguard:sensitive_refusal_ratio:ratio_rate15m", "refusalguard:auth_claim_refusal_ratio:ratio_rate15m",
                "refusalguard:recovery_rate_by_strategy:ratio_rate15m", "refusalguard:refusal_rate:ratio_total",
                "refusalguard:sensitive_refusal_ratio:ratio_total");
        Set<String> alerts = new HashSet<>();
        for (JsonNode group : rules.get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                if (rule.has("alert")) {
                    alerts.add(rule.get("alert").asText());
                    assertThat(rule.at("/labels/severity").asText()).as(rule.get("alert").asText()).isNotEmpty();
                    assertThat(rule.at("/annotations/summary").asText()).isNotEmpty();
                }
            }
        }
        assertThat(alerts).contains("RefusalGuardRefusalSpike", "RefusalGuardSensitiveWordingBias",
                "RefusalGuardRecoveryCollapse");
    }

    @Test
    void dashboardQueriesUseDeclaredSeriesAndExistingRecordingRules() {
        List<String> exprs = new ArrayList<>();
        dashboard.findValues("expr").forEach(node -> exprs.add(node.asText()));
        assertThat(exprs).hasSizeGreaterThan(15);
        Set<String> recorded = recordedNames();
        for (String expr : exprs) {
            assertThat(DeclaredSeries.undeclared(expr)).as(expr).isEmpty();
            assertThat(recorded).as(expr).containsAll(DeclaredSeries.find(DeclaredSeries.RECORDED_NAME, expr));
        }
    }

    @Test
    void dashboardPanelIdsAreUniqueAndUseTheDatasourceVariable() {
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            assertThat(ids.add(panel.get("id").asInt())).as("duplicate panel id " + panel.get("id")).isTrue();
            if (panel.has("targets")) {
                assertThat(panel.at("/datasource/uid").asText()).isEqualTo("${datasource}");
            }
        }
        assertThat(dashboard.get("uid").asText()).isEqualTo("refusalguard-overview");
    }

    private List<String> ruleExpressions() {
        List<String> exprs = new ArrayList<>();
        for (JsonNode group : rules.get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                exprs.add(rule.get("expr").asText());
            }
        }
        return exprs;
    }

    private Set<String> recordedNames() {
        Set<String> names = new HashSet<>();
        for (JsonNode group : rules.get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                if (rule.has("record")) {
                    names.add(rule.get("record").asText());
                }
            }
        }
        return names;
    }

    private static JsonNode readYaml(String path) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Files.readString(RepoFiles.find(path)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readJson(String path) {
        try {
            return new ObjectMapper().readTree(Files.readString(RepoFiles.find(path)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
