package dev.refusalguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.SoftAssertions;

/**
 * The invariants every pod running RefusalGuard must hold, whether it comes from deploy/kubernetes or from the
 * Helm chart: probe paths and ports that match the proxy's admin endpoints and configured ports, resources,
 * a non-root hardened security context, writable /tmp on a read-only root, and a grace period longer than the
 * preStop sleep plus the proxy's drain timeout.
 */
final class PodChecks {

    static final String CONTAINER = "refusalguard";

    private PodChecks() {
    }

    /** The refusalguard container of a workload's pod template (containers or initContainers). */
    static JsonNode refusalguardContainer(JsonNode workload) {
        return findContainer(podSpec(workload), CONTAINER)
                .orElseThrow(() -> new AssertionError(name(workload) + " has no container named " + CONTAINER));
    }

    static JsonNode podSpec(JsonNode workload) {
        return workload.path("spec").path("template").path("spec");
    }

    static boolean isInitContainer(JsonNode workload, String containerName) {
        for (JsonNode c : podSpec(workload).path("initContainers")) {
            if (containerName.equals(c.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    static Optional<JsonNode> findContainer(JsonNode podSpec, String containerName) {
        for (String list : List.of("containers", "initContainers")) {
            for (JsonNode c : podSpec.path(list)) {
                if (containerName.equals(c.path("name").asText())) {
                    return Optional.of(c);
                }
            }
        }
        return Optional.empty();
    }

    /** The config.yaml of the ConfigMap that the refusalguard container mounts at /etc/refusalguard. */
    static ProxyConfigView mountedConfig(JsonNode workload, Manifests manifests) {
        JsonNode container = refusalguardContainer(workload);
        String volumeName = null;
        for (JsonNode m : container.path("volumeMounts")) {
            if ("/etc/refusalguard".equals(m.path("mountPath").asText())) {
                volumeName = m.path("name").asText();
            }
        }
        assertThat(volumeName).as("%s mounts /etc/refusalguard", name(workload)).isNotNull();
        String configMapName = null;
        for (JsonNode v : podSpec(workload).path("volumes")) {
            if (v.path("name").asText().equals(volumeName)) {
                configMapName = v.path("configMap").path("name").asText(null);
            }
        }
        assertThat(configMapName).as("%s: volume %s is a ConfigMap", name(workload), volumeName).isNotNull();
        JsonNode configMap = manifests.one("ConfigMap", configMapName);
        assertThat(configMap.isMissingNode()).as("ConfigMap %s is in the same manifests", configMapName).isFalse();
        String configYaml = configMap.path("data").path("config.yaml").asText(null);
        assertThat(configYaml).as("ConfigMap %s has config.yaml", configMapName).isNotNull();
        assertThat(configMap.path("data").has("policy.yaml")).as("ConfigMap %s has policy.yaml", configMapName).isTrue();
        return ProxyConfigView.parse(configYaml);
    }

    /** Checks every invariant and reports all violations at once. */
    static void assertHardenedProxyPod(JsonNode workload, ProxyConfigView config) {
        SoftAssertions soft = new SoftAssertions();
        String where = name(workload);
        JsonNode pod = podSpec(workload);
        JsonNode c = refusalguardContainer(workload);

        soft.assertThat(c.path("image").asText()).as("%s image", where)
                .matches(".+(:[A-Za-z0-9_.-]+|@sha256:[a-f0-9]{64})$").doesNotEndWith(":latest");
        soft.assertThat(texts(c.path("args"))).as("%s args", where)
                .containsSequence("serve", "--config", "/etc/refusalguard/config.yaml");

        int adminPort = portNumber(c, "admin");
        soft.assertThat(adminPort).as("%s admin containerPort equals server.admin", where).isEqualTo(config.adminPort());
        soft.assertThat(config.adminHost()).as("%s: admin binds all interfaces so the kubelet can probe", where)
                .isEqualTo("0.0.0.0");
        if (hasPort(c, "proxy")) {
            soft.assertThat(portNumber(c, "proxy")).as("%s proxy containerPort equals server.listen", where)
                    .isEqualTo(config.listenPort());
        }

        assertProbe(soft, where, c, "livenessProbe", "/healthz", adminPort);
        assertProbe(soft, where, c, "readinessProbe", "/readyz", adminPort);
        assertProbe(soft, where, c, "startupProbe", "/readyz", adminPort);

        JsonNode res = c.path("resources");
        for (String kind : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                soft.assertThat(res.path(kind).hasNonNull(resource)).as("%s resources.%s.%s set", where, kind, resource)
                        .isTrue();
            }
        }
        if (res.path("requests").has("memory") && res.path("limits").has("memory")) {
            soft.assertThat(Quantity.parse(res.path("requests").path("memory").asText()))
                    .as("%s memory request <= limit", where)
                    .isLessThanOrEqualTo(Quantity.parse(res.path("limits").path("memory").asText()));
        }
        if (res.path("requests").has("cpu") && res.path("limits").has("cpu")) {
            soft.assertThat(Quantity.parse(res.path("requests").path("cpu").asText()))
                    .as("%s cpu request <= limit", where)
                    .isLessThanOrEqualTo(Quantity.parse(res.path("limits").path("cpu").asText()));
        }

        JsonNode sc = c.path("securityContext");
        JsonNode psc = pod.path("securityContext");
        soft.assertThat(sc.path("runAsNonRoot").asBoolean(false) || psc.path("runAsNonRoot").asBoolean(false))
                .as("%s runAsNonRoot", where).isTrue();
        int uid = sc.path("runAsUser").asInt(psc.path("runAsUser").asInt(-1));
        soft.assertThat(uid).as("%s runAsUser is a non-root numeric UID", where).isGreaterThan(0);
        soft.assertThat(sc.path("readOnlyRootFilesystem").asBoolean(false)).as("%s readOnlyRootFilesystem", where)
                .isTrue();
        soft.assertThat(sc.path("allowPrivilegeEscalation").asBoolean(true)).as("%s allowPrivilegeEscalation", where)
                .isFalse();
        soft.assertThat(sc.path("privileged").asBoolean(false)).as("%s privileged", where).isFalse();
        soft.assertThat(texts(sc.path("capabilities").path("drop"))).as("%s drops capabilities", where)
                .contains("ALL");
        soft.assertThat(sc.path("capabilities").path("add").size()).as("%s adds no capabilities", where).isZero();
        String seccomp = sc.path("seccompProfile").path("type")
                .asText(psc.path("seccompProfile").path("type").asText(""));
        soft.assertThat(seccomp).as("%s seccomp profile", where).isEqualTo("RuntimeDefault");
        soft.assertThat(pod.path("automountServiceAccountToken").asBoolean(true))
                .as("%s does not mount a service account token", where).isFalse();

        soft.assertThat(mountKind(workload, c, "/etc/refusalguard")).as("%s /etc/refusalguard", where)
                .isEqualTo("configMap");
        soft.assertThat(mountKind(workload, c, "/tmp")).as("%s writable /tmp", where).isEqualTo("emptyDir");
        for (JsonNode m : c.path("volumeMounts")) {
            if ("/etc/refusalguard".equals(m.path("mountPath").asText())) {
                soft.assertThat(m.has("subPath")).as("%s config mounted as a directory (subPath never updates)", where)
                        .isFalse();
            }
        }

        List<String> envFromSecret = new ArrayList<>();
        for (JsonNode e : c.path("env")) {
            if (e.path("valueFrom").has("secretKeyRef")) {
                envFromSecret.add(e.path("name").asText());
            }
        }
        soft.assertThat(envFromSecret).as("%s provider keys from a Secret", where)
                .containsAll(config.apiKeyEnvs());

        List<String> preStop = texts(c.path("lifecycle").path("preStop").path("exec").path("command"));
        soft.assertThat(preStop).as("%s preStop sleep", where).hasSize(2).first().isEqualTo("sleep");
        long preStopSeconds = preStop.size() == 2 ? Long.parseLong(preStop.get(1)) : 0;
        long grace = pod.path("terminationGracePeriodSeconds").asLong(30);
        soft.assertThat(grace).as("%s terminationGracePeriodSeconds > preStop %ss + drainTimeout %s", where,
                preStopSeconds, config.drainTimeout()).isGreaterThan(preStopSeconds + config.drainTimeout().toSeconds());

        boolean init = isInitContainer(workload, CONTAINER);
        soft.assertThat(c.path("restartPolicy").asText(""))
                .as("%s: restartPolicy Always exactly when it is a native sidecar (initContainers)", where)
                .isEqualTo(init ? "Always" : "");

        JsonNode annotations = workload.path("spec").path("template").path("metadata").path("annotations");
        soft.assertThat(annotations.path("prometheus.io/scrape").asText()).as("%s scrape annotation", where)
                .isEqualTo("true");
        soft.assertThat(annotations.path("prometheus.io/port").asText()).as("%s scrape port annotation", where)
                .isEqualTo(String.valueOf(config.adminPort()));
        soft.assertThat(annotations.path("prometheus.io/path").asText()).as("%s scrape path", where)
                .isEqualTo("/metrics");
        soft.assertAll();
    }

    /** A sidecar serves only its own pod: loopback listen, and every other container calls it there. */
    static void assertAgentUsesSidecar(JsonNode workload, ProxyConfigView config) {
        String where = name(workload);
        assertThat(config.listenHost()).as("%s sidecar listens on loopback only", where).isEqualTo("127.0.0.1");
        JsonNode pod = podSpec(workload);
        List<JsonNode> agents = new ArrayList<>();
        pod.path("containers").forEach(c -> {
            if (!CONTAINER.equals(c.path("name").asText())) {
                agents.add(c);
            }
        });
        assertThat(agents).as("%s has an agent container beside the sidecar", where).isNotEmpty();
        for (JsonNode agent : agents) {
            String baseUrl = null;
            for (JsonNode e : agent.path("env")) {
                if ("OPENAI_BASE_URL".equals(e.path("name").asText())) {
                    baseUrl = e.path("value").asText();
                }
            }
            assertThat(baseUrl).as("%s agent %s OPENAI_BASE_URL", where, agent.path("name").asText())
                    .isEqualTo("http://127.0.0.1:" + config.listenPort() + "/v1");
            assertThat(agent.path("resources").path("limits").has("memory"))
                    .as("%s agent %s has a memory limit", where, agent.path("name").asText()).isTrue();
        }
    }

    private static void assertProbe(SoftAssertions soft, String where, JsonNode c, String probe, String path,
                                    int adminPort) {
        JsonNode http = c.path(probe).path("httpGet");
        soft.assertThat(http.path("path").asText()).as("%s %s path", where, probe).isEqualTo(path);
        JsonNode port = http.path("port");
        int resolved = port.isInt() ? port.asInt() : (hasPort(c, port.asText()) ? portNumber(c, port.asText()) : -1);
        soft.assertThat(resolved).as("%s %s port is the admin port", where, probe).isEqualTo(adminPort);
    }

    private static boolean hasPort(JsonNode container, String portName) {
        for (JsonNode p : container.path("ports")) {
            if (portName.equals(p.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    static int portNumber(JsonNode container, String portName) {
        for (JsonNode p : container.path("ports")) {
            if (portName.equals(p.path("name").asText())) {
                return p.path("containerPort").asInt();
            }
        }
        throw new AssertionError("container " + container.path("name").asText() + " has no port named " + portName);
    }

    private static String mountKind(JsonNode workload, JsonNode container, String mountPath) {
        for (JsonNode m : container.path("volumeMounts")) {
            if (mountPath.equals(m.path("mountPath").asText())) {
                for (JsonNode v : podSpec(workload).path("volumes")) {
                    if (v.path("name").asText().equals(m.path("name").asText())) {
                        for (String kind : List.of("configMap", "emptyDir", "secret", "projected", "hostPath")) {
                            if (v.has(kind)) {
                                return kind;
                            }
                        }
                        return "other";
                    }
                }
                return "undeclared volume " + m.path("name").asText();
            }
        }
        return "not mounted";
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static String name(JsonNode object) {
        return object.path("kind").asText() + "/" + object.path("metadata").path("name").asText();
    }
}
