package dev.refusalguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/helm/examples/defense-agent: an agent's own chart that depends on refusalguard (mode=sidecar) and adds
 * the sidecar with the named templates, exactly as the chart's README tells users to.
 */
class SidecarInclusionTest {

    @TempDir
    static Path work;
    private static Manifests rendered;

    @BeforeAll
    static void buildDependencyAndRender() {
        // Same relative layout as in the repo, so file://../../refusalguard resolves; the repo stays untouched.
        copyTree(RepoPaths.resolve("deploy/helm/refusalguard"), work.resolve("helm/refusalguard"));
        Path agentChart = work.resolve("helm/examples/defense-agent");
        copyTree(RepoPaths.resolve("deploy/helm/examples/defense-agent"), agentChart);
        new Helm(agentChart).dependency().build().call();
        rendered = new ChartRenderer(agentChart).renderAndKeep("chart-example-defense-agent", Map.of());
    }

    @Test
    void agentChartRendersTheSidecarAndTheSubchartsConfigMap() {
        assertThat(rendered.kinds()).containsExactlyInAnyOrder("ConfigMap", "Deployment");
    }

    @Test
    void includedSidecarIsHardenedAndMountsTheConfigMapTheSubchartRendered() {
        JsonNode agent = rendered.ofKind("Deployment").get(0);
        ProxyConfigView config = PodChecks.mountedConfig(agent, rendered);
        PodChecks.assertHardenedProxyPod(agent, config);
        PodChecks.assertAgentUsesSidecar(agent, config);
        assertThat(PodChecks.isInitContainer(agent, "refusalguard")).as("native sidecar").isTrue();
    }

    @Test
    void renderedAgentChartUsesOnlyFieldsKubernetesKnows() {
        for (JsonNode o : rendered.all()) {
            assertThat(KnownFields.unknownFields(o)).as("unknown fields in %s", PodChecks.name(o)).isEmpty();
        }
    }

    @Test
    void agentGracePeriodAddsItsOwnShutdownToRefusalGuardsBudget() {
        JsonNode agent = rendered.ofKind("Deployment").get(0);
        assertThat(PodChecks.podSpec(agent).path("terminationGracePeriodSeconds").asInt()).isEqualTo(5 + 30 + 10 + 15);
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    if (p.getFileName().toString().equals("charts") && !p.equals(from)) {
                        continue;
                    }
                    Files.createDirectories(target);
                } else if (!p.toString().contains("/charts/")) {
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from, e);
        }
    }
}
