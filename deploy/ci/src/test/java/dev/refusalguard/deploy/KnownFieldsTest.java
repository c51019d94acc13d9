package dev.refusalguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The unknown-field finder itself: it must catch the typos a lenient schema check lets through. */
class KnownFieldsTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              selector: {matchLabels: {app: d}}
              template:
                metadata: {labels: {app: d}}
                spec:
                  initContainers:
                    - name: refusalguard
                      image: i:1
                      restartPolicy: Always
                  containers:
                    - name: agent
                      image: a:1
                      %s
            """;

    @Test
    void aWellFormedNativeSidecarDeploymentHasNoUnknownFields() {
        var object = Manifests.parse(DEPLOYMENT.formatted("imagePullPolicy: IfNotPresent")).all().get(0);
        assertThat(KnownFields.unknownFields(object)).isEmpty();
    }

    @Test
    void aMisspeltProbeFieldIsReportedWithItsPath() {
        var object = Manifests.parse(DEPLOYMENT.formatted("readinessprobe: {httpGet: {path: /readyz, port: 9090}}"))
                .all().get(0);
        assertThat(KnownFields.unknownFields(object))
                .containsExactly("spec.template.spec.containers[0].readinessprobe");
    }

    @Test
    void aMisspeltPodMonitorFieldIsReported() {
        var object = Manifests.parse("""
                apiVersion: monitoring.coreos.com/v1
                kind: PodMonitor
                metadata: {name: p}
                spec:
                  selector: {matchLabels: {app: d}}
                  podMetricEndpoints: [{port: admin}]
                """).all().get(0);
        assertThat(KnownFields.unknownFields(object)).containsExactly("spec.podMetricEndpoints");
    }

    @Test
    void anUnknownKindIsReportedRatherThanPassed() {
        var object = Manifests.parse("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n").all().get(0);
        assertThat(KnownFields.unknownFields(object)).singleElement().asString().contains("no typed model");
    }
}
