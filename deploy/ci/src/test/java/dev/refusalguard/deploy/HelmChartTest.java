package dev.refusalguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** deploy/helm/refusalguard rendered in each mode, checked against the same invariants as the plain manifests. */
class HelmChartTest {

    private static final Path CHART = RepoPaths.resolve("deploy/helm/refusalguard");
    private final ChartRenderer renderer = new ChartRenderer(CHART);

    @Test
    void chartPassesStrictLint() {
        LintResult result = new Helm(CHART).lint().strict().call();
        assertThat(result.isFailed()).as("lint messages: %s", result.getMessages()).isFalse();
    }

    @Test
    void standaloneDefaultsRenderAHardenedGatewayReachableOnAllInterfaces() {
        Manifests m = renderer.renderAndKeep("chart-standalone-default", Map.of());
        assertThat(m.kinds()).containsExactlyInAnyOrder("ConfigMap", "Service", "Deployment", "PodDisruptionBudget");
        JsonNode deployment = m.ofKind("Deployment").get(0);
        ProxyConfigView config = PodChecks.mountedConfig(deployment, m);
        PodChecks.assertHardenedProxyPod(deployment, config);
        assertThat(config.listenHost()).isEqualTo("0.0.0.0");
        assertThat(config.listenPort()).isEqualTo(8080);
        assertThat(config.adminPort()).isEqualTo(9090);
        assertThat(config.policyFile()).isEqualTo("/etc/refusalguard/policy.yaml");
        assertThat(config.tree().path("server").path("maxRequestBytes").asLong())
                .as("large integers are not rendered in float notation").isEqualTo(4194304L);
        assertThat(PodChecks.isInitContainer(deployment, "refusalguard")).isFalse();
        JsonNode service = m.ofKind("Service").get(0);
        assertThat(Selectors.matches(service.path("spec").path("selector"), Selectors.podLabels(deployment))).isTrue();
    }

    @Test
    void chartConfigMatchesTheExampleConfigMapApartFromTheListenAddress() {
        Manifests m = renderer.render(Map.of("mode", "sidecar")).transform(Manifests::parse);
        JsonNode chartMap = m.ofKind("ConfigMap").get(0);
        Manifests examples = Manifests.readDirectory(RepoPaths.resolve("deploy/kubernetes"));
        JsonNode exampleMap = examples.one("ConfigMap", "refusalguard-config");
        ProxyConfigView chart = ProxyConfigView.parse(chartMap.path("data").path("config.yaml").asText());
        ProxyConfigView example = ProxyConfigView.parse(exampleMap.path("data").path("config.yaml").asText());
        assertThat(chart.tree()).isEqualTo(example.tree());
        assertThat(yaml(chartMap.path("data").path("policy.yaml").asText()))
                .isEqualTo(yaml(exampleMap.path("data").path("policy.yaml").asText()));
    }

    @Test
    void everyOptionalObjectRendersAndSelectsTheGateway() {
        Map<String, Object> sets = new LinkedHashMap<>();
        sets.put("metrics.podMonitor.enabled", "true");
        sets.put("metrics.serviceMonitor.enabled", "true");
        sets.put("standalone.networkPolicy.enabled", "true");
        sets.put("providerKeys.create", "true");
        sets.put("providerKeys.values.OPENAI_API_KEY", "test-openai");
        sets.put("providerKeys.values.ANTHROPIC_API_KEY", "test-anthropic");
        sets.put("image.digest", "sha256:" + "a".repeat(64));
        Manifests m = renderer.renderAndKeep("chart-standalone-full", sets);
        assertThat(m.kinds()).contains("PodMonitor", "ServiceMonitor", "NetworkPolicy", "Secret");
        JsonNode deployment = m.ofKind("Deployment").get(0);
        JsonNode pods = Selectors.podLabels(deployment);
        assertThat(Selectors.matches(m.ofKind("PodMonitor").get(0).path("spec").path("selector").path("matchLabels"),
                pods)).isTrue();
        assertThat(Selectors.matches(m.ofKind("NetworkPolicy").get(0).path("spec").path("podSelector")
                .path("matchLabels"), pods)).isTrue();
        assertThat(Selectors.matches(m.ofKind("ServiceMonitor").get(0).path("spec").path("selector")
                .path("matchLabels"), m.ofKind("Service").get(0).path("metadata").path("labels"))).isTrue();
        JsonNode container = PodChecks.refusalguardContainer(deployment);
        assertThat(container.path("image").asText()).endsWith("@sha256:" + "a".repeat(64));
        String secretName = m.ofKind("Secret").get(0).path("metadata").path("name").asText();
        for (JsonNode e : container.path("env")) {
            assertThat(e.path("valueFrom").path("secretKeyRef").path("name").asText()).isEqualTo(secretName);
        }
        PodChecks.assertHardenedProxyPod(deployment, PodChecks.mountedConfig(deployment, m));
    }

    @Test
    void everyRenderingUsesOnlyFieldsKubernetesKnows() {
        Map<String, Object> everything = new LinkedHashMap<>();
        everything.put("metrics.podMonitor.enabled", "true");
        everything.put("metrics.serviceMonitor.enabled", "true");
        everything.put("standalone.networkPolicy.enabled", "true");
        everything.put("providerKeys.create", "true");
        everything.put("providerKeys.values.OPENAI_API_KEY", "k");
        everything.put("jvm.toolOptions", "-XX:MaxRAMPercentage=50");
        everything.put("extraConfig.authorizationContext.organisation", "Example SOC");
        everything.put("extraEnv[0].name", "REFUSALGUARD_SERVER_IDLETIMEOUT");
        everything.put("extraEnv[0].value", "90s");
        for (Map<String, Object> sets : java.util.List.of(Map.<String, Object>of(), Map.<String, Object>of("mode", "sidecar"),
                everything)) {
            for (JsonNode o : Manifests.parse(renderer.render(sets)).all()) {
                assertThat(KnownFields.unknownFields(o)).as("unknown fields in %s with %s", PodChecks.name(o), sets)
                        .isEmpty();
            }
        }
    }

    @Test
    void sidecarModeRendersOnlyTheConfigMapWithALoopbackListener() {
        Manifests m = renderer.renderAndKeep("chart-sidecar", Map.of("mode", "sidecar"));
        assertThat(m.kinds()).containsExactly("ConfigMap");
        ProxyConfigView config = ProxyConfigView.parse(m.ofKind("ConfigMap").get(0).path("data").path("config.yaml")
                .asText());
        assertThat(config.listenHost()).isEqualTo("127.0.0.1");
        assertThat(config.adminHost()).isEqualTo("0.0.0.0");
    }

    @Test
    void nativeSidecarOnAClusterOlderThan129FailsWithTheFix() {
        assertThatThrownBy(() -> renderer.render(Map.of("mode", "sidecar"), "1.28.0"))
                .hasMessageContaining("sidecar.native=false");
        assertThat(Manifests.parse(renderer.render(Map.of("mode", "sidecar", "sidecar.native", "false"), "1.28.0"))
                .kinds()).containsExactly("ConfigMap");
        assertThat(Manifests.parse(renderer.render(Map.of(), "1.25.0")).kinds()).contains("Deployment");
    }

    @Test
    void gracePeriodAlwaysCoversPreStopAndTheDrainTimeout() {
        Manifests m = renderer.render(Map.of("server.drainTimeoutSeconds", "120", "shutdown.preStopSleepSeconds", "7"))
                .transform(Manifests::parse);
        JsonNode deployment = m.ofKind("Deployment").get(0);
        assertThat(PodChecks.podSpec(deployment).path("terminationGracePeriodSeconds").asInt()).isEqualTo(7 + 120 + 10);
        ProxyConfigView config = PodChecks.mountedConfig(deployment, m);
        assertThat(config.drainTimeout().toSeconds()).isEqualTo(120);
        PodChecks.assertHardenedProxyPod(deployment, config);
    }

    @Test
    void configChangeRollsThePodsButAPolicyChangeDoesNot() {
        String base = checksum(renderer.render(Map.of()));
        String newUpstream = checksum(renderer.render(Map.of("defaultUpstream", "anthropic")));
        String newPolicy = checksum(renderer.render(Map.of("policy.version", "2")));
        assertThat(newUpstream).isNotEqualTo(base);
        assertThat(newPolicy).as("policy.yaml is reloaded live, without a rollout").isEqualTo(base);
    }

    @Test
    void schemaRejectsUnknownModeLatestTagRootUserAndBadPorts() {
        assertSchemaRejects(Map.of("mode", "daemonset"));
        assertSchemaRejects(Map.of("image.tag", "latest"));
        assertSchemaRejects(Map.of("securityContext.runAsNonRoot", "false"));
        assertSchemaRejects(Map.of("ports.admin", "70000"));
        assertSchemaRejects(Map.of("server.drainTimeoutSeconds", "0"));
        assertSchemaRejects(Map.of("upstreamz", "typo"));
        assertSchemaRejects(Map.of("recovery.strategies[0]", "jailbreak"));
        assertSchemaRejects(Map.of("extraConfig.serverz.listen", "0.0.0.0:1"));
    }

    @Test
    void appVersionAndDefaultImageTagAgree() throws Exception {
        JsonNode chart = Manifests.YAML.readTree(CHART.resolve("Chart.yaml").toFile());
        JsonNode values = Manifests.YAML.readTree(CHART.resolve("values.yaml").toFile());
        assertThat(values.path("image").path("tag").asText()).isEqualTo(chart.path("appVersion").asText());
        assertThat(Files.exists(CHART.resolve("values.schema.json"))).isTrue();
    }

    private void assertSchemaRejects(Map<String, Object> sets) {
        assertThatThrownBy(() -> renderer.render(sets)).as("values %s", sets)
                .hasMessageContaining("schema");
    }

    private static String checksum(String rendered) {
        JsonNode deployment = Manifests.parse(rendered).ofKind("Deployment").get(0);
        return deployment.path("spec").path("template").path("metadata").path("annotations")
                .path("checksum/refusalguard-config").asText();
    }

    private static JsonNode yaml(String text) {
        try {
            return Manifests.YAML.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
