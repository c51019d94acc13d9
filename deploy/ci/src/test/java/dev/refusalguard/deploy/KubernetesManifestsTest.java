package dev.refusalguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example manifests in deploy/kubernetes: each object's invariants and the references between them. */
class KubernetesManifestsTest {

    private final Path dir = RepoPaths.resolve("deploy/kubernetes");
    private final Manifests manifests = Manifests.readDirectory(dir);

    @Test
    void everyDocumentHasApiVersionKindAndName() {
        assertThat(manifests.all()).isNotEmpty();
        for (JsonNode o : manifests.all()) {
            assertThat(o.path("apiVersion").asText()).as("apiVersion of %s", PodChecks.name(o)).isNotBlank();
            assertThat(o.path("kind").asText()).as("kind").isNotBlank();
            assertThat(o.path("metadata").path("name").asText()).as("name of a %s", o.path("kind")).isNotBlank();
        }
    }

    @Test
    void everyObjectUsesOnlyFieldsKubernetesKnows() {
        for (JsonNode o : manifests.all()) {
            assertThat(KnownFields.unknownFields(o)).as("unknown fields in %s", PodChecks.name(o)).isEmpty();
        }
    }

    @Test
    void examplesCoverSidecarGatewayMonitoringAndEgressPolicy() {
        assertThat(manifests.kinds()).contains("ConfigMap", "Secret", "Deployment", "Service", "PodMonitor",
                "ServiceMonitor", "NetworkPolicy", "PodDisruptionBudget");
    }

    @Test
    void everyRefusalGuardPodIsHardenedAndProbesTheProxysAdminEndpoints() {
        List<JsonNode> deployments = manifests.ofKind("Deployment");
        assertThat(deployments).hasSize(2);
        for (JsonNode d : deployments) {
            PodChecks.assertHardenedProxyPod(d, PodChecks.mountedConfig(d, manifests));
        }
    }

    @Test
    void sidecarListensOnLoopbackAndTheAgentCallsIt() {
        JsonNode agent = manifests.one("Deployment", "defense-agent");
        ProxyConfigView config = PodChecks.mountedConfig(agent, manifests);
        PodChecks.assertAgentUsesSidecar(agent, config);
        assertThat(PodChecks.isInitContainer(agent, "refusalguard")).as("native sidecar").isTrue();
    }

    @Test
    void sidecarStartsBeforeTheAgentOnlyOnceReady() {
        JsonNode c = PodChecks.refusalguardContainer(manifests.one("Deployment", "defense-agent"));
        JsonNode startup = c.path("startupProbe");
        assertThat(startup.path("httpGet").path("path").asText()).isEqualTo("/readyz");
        long budgetSeconds = startup.path("periodSeconds").asLong(10) * startup.path("failureThreshold").asLong(3);
        assertThat(budgetSeconds).as("start-up budget covers model loading").isGreaterThanOrEqualTo(30);
    }

    @Test
    void gatewayOverridesListenToAllInterfacesThroughTheEnvironment() {
        JsonNode gateway = manifests.one("Deployment", "refusalguard");
        JsonNode c = PodChecks.refusalguardContainer(gateway);
        String listen = null;
        for (JsonNode e : c.path("env")) {
            if ("REFUSALGUARD_SERVER_LISTEN".equals(e.path("name").asText())) {
                listen = e.path("value").asText();
            }
        }
        assertThat(listen).isEqualTo("0.0.0.0:" + PodChecks.portNumber(c, "proxy"));
    }

    @Test
    void secretHoldsAKeyForEveryUpstream() {
        ProxyConfigView config = PodChecks.mountedConfig(manifests.one("Deployment", "refusalguard"), manifests);
        JsonNode secret = manifests.one("Secret", "refusalguard-provider-keys");
        List<String> keys = new ArrayList<>();
        secret.path("stringData").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyInAnyOrderElementsOf(config.apiKeyEnvs());
        for (JsonNode d : manifests.ofKind("Deployment")) {
            for (JsonNode e : PodChecks.refusalguardContainer(d).path("env")) {
                JsonNode ref = e.path("valueFrom").path("secretKeyRef");
                if (!ref.isMissingNode()) {
                    assertThat(ref.path("name").asText()).isEqualTo("refusalguard-provider-keys");
                }
            }
        }
    }

    @Test
    void podMonitorSelectsTheAgentPodAndItsAdminPort() {
        JsonNode monitor = manifests.one("PodMonitor", "defense-agent-refusalguard");
        JsonNode agent = manifests.one("Deployment", "defense-agent");
        assertThat(Selectors.matches(monitor.path("spec").path("selector").path("matchLabels"),
                Selectors.podLabels(agent))).isTrue();
        String port = monitor.path("spec").path("podMetricsEndpoints").get(0).path("port").asText();
        assertThat(PodChecks.portNumber(PodChecks.refusalguardContainer(agent), port)).isEqualTo(9090);
        assertThat(monitor.path("spec").path("podMetricsEndpoints").get(0).path("path").asText()).isEqualTo("/metrics");
    }

    @Test
    void serviceAndServiceMonitorReachTheGatewayPorts() {
        JsonNode gateway = manifests.one("Deployment", "refusalguard");
        JsonNode service = manifests.one("Service", "refusalguard");
        JsonNode container = PodChecks.refusalguardContainer(gateway);
        assertThat(Selectors.matches(service.path("spec").path("selector"), Selectors.podLabels(gateway))).isTrue();
        for (JsonNode port : service.path("spec").path("ports")) {
            assertThat(PodChecks.portNumber(container, port.path("targetPort").asText()))
                    .isEqualTo(port.path("port").asInt());
        }
        JsonNode sm = manifests.one("ServiceMonitor", "refusalguard");
        assertThat(Selectors.matches(sm.path("spec").path("selector").path("matchLabels"),
                service.path("metadata").path("labels"))).isTrue();
        assertThat(sm.path("spec").path("endpoints").get(0).path("port").asText()).isEqualTo("admin");
        JsonNode pdb = manifests.one("PodDisruptionBudget", "refusalguard");
        assertThat(Selectors.matches(pdb.path("spec").path("selector").path("matchLabels"),
                Selectors.podLabels(gateway))).isTrue();
        assertThat(gateway.path("spec").path("replicas").asInt())
                .isGreaterThan(pdb.path("spec").path("minAvailable").asInt());
    }

    @Test
    void networkPoliciesLimitEgressToDnsAndHttpsOutsideTheCluster() {
        assertEgressLimited(manifests.one("NetworkPolicy", "refusalguard"), manifests.one("Deployment", "refusalguard"),
                List.of(8080, 9090));
        assertEgressLimited(manifests.one("NetworkPolicy", "defense-agent"),
                manifests.one("Deployment", "defense-agent"), List.of(9090));
    }

    private static void assertEgressLimited(JsonNode np, JsonNode workload, List<Integer> expectedIngressPorts) {
        assertThat(Selectors.matches(np.path("spec").path("podSelector").path("matchLabels"),
                Selectors.podLabels(workload))).as("%s selects %s", PodChecks.name(np), PodChecks.name(workload))
                .isTrue();
        assertThat(PodChecks.texts(np.path("spec").path("policyTypes"))).containsExactlyInAnyOrder("Ingress", "Egress");
        List<Integer> egressPorts = new ArrayList<>();
        np.path("spec").path("egress").forEach(rule -> rule.path("ports")
                .forEach(p -> egressPorts.add(p.path("port").asInt())));
        assertThat(egressPorts).containsOnly(53, 443);
        JsonNode except = np.path("spec").path("egress").get(1).path("to").get(0).path("ipBlock").path("except");
        assertThat(PodChecks.texts(except)).as("no egress to cluster ranges or the cloud metadata address")
                .contains("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16");
        List<Integer> ingressPorts = new ArrayList<>();
        np.path("spec").path("ingress").forEach(rule -> rule.path("ports")
                .forEach(p -> ingressPorts.add(p.path("port").asInt())));
        assertThat(ingressPorts).containsExactlyInAnyOrderElementsOf(expectedIngressPorts);
    }

    @Test
    void imageDefaultConfigDiffersFromTheConfigMapOnlyInTheListenAddress() throws Exception {
        ProxyConfigView configMap = PodChecks.mountedConfig(manifests.one("Deployment", "defense-agent"), manifests);
        ProxyConfigView baked = ProxyConfigView.parse(Files.readString(RepoPaths.resolve("deploy/docker/config.yaml")));
        assertThat(baked.listenHost()).isEqualTo("0.0.0.0");
        var bakedTree = baked.tree().deepCopy();
        var mapTree = configMap.tree().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) bakedTree.path("server")).remove("listen");
        ((com.fasterxml.jackson.databind.node.ObjectNode) mapTree.path("server")).remove("listen");
        assertThat(bakedTree).isEqualTo(mapTree);
        JsonNode bakedPolicy = Manifests.YAML.readTree(RepoPaths.resolve("deploy/docker/policy.yaml").toFile());
        JsonNode mapPolicy = Manifests.YAML.readTree(
                manifests.one("ConfigMap", "refusalguard-config").path("data").path("policy.yaml").asText());
        assertThat(bakedPolicy).isEqualTo(mapPolicy);
    }
}
