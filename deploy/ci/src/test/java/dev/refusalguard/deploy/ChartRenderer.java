package dev.refusalguard.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Renders a chart with the Helm library that helm-java embeds (no helm binary, no cluster). */
final class ChartRenderer {

    static final String RELEASE = "rg";
    static final String NAMESPACE = "defense";
    /** Oldest Kubernetes version the examples target (native sidecars are on by default from 1.29). */
    static final String KUBE_VERSION = "1.29.0";

    private final Path chartDir;

    ChartRenderer(Path chartDir) {
        this.chartDir = chartDir;
    }

    String render(Map<String, Object> sets) {
        return render(sets, KUBE_VERSION);
    }

    String render(Map<String, Object> sets, String kubeVersion) {
        TemplateCommand command = new Helm(chartDir).template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(kubeVersion);
        sets.forEach(command::set);
        return command.call();
    }

    /** Renders and keeps the output under target/rendered for the Kubernetes schema validator. */
    Manifests renderAndKeep(String caseName, Map<String, Object> sets) {
        String yaml = render(sets);
        try {
            Path out = RepoPaths.renderedDir();
            Files.createDirectories(out);
            Files.writeString(out.resolve(caseName + ".yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep rendered " + caseName, e);
        }
        return Manifests.parse(yaml);
    }
}
