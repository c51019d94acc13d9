package dev.refusalguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every config.yaml the deployment ships (image default, example ConfigMap, each chart mode) is accepted by the
 * proxy's own loader, with the environment overrides the manifests set. Runs against the built jar
 * (proxy/target/refusalguard.jar, loaded in an isolated class loader); skipped while it is not built.
 */
class ProxyConfigAcceptanceTest {

    private static final Path JAR = RepoPaths.resolve("proxy/target/refusalguard.jar");
    private static final String LOADER = "dev.refusalguard.proxy.config.ConfigLoader";

    @TempDir
    static Path work;
    private static URLClassLoader proxyClasses;
    private static Method load;

    @BeforeAll
    static void loadTheProxysConfigLoader() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(JAR), JAR + " is not built yet; skipping");
        proxyClasses = new URLClassLoader(new URL[] {JAR.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        Class<?> loader;
        try {
            loader = Class.forName(LOADER, true, proxyClasses);
        } catch (ClassNotFoundException e) {
            Assumptions.abort(JAR + " has no " + LOADER + "; skipping");
            return;
        }
        load = loader.getMethod("load", Path.class, Map.class, Map.class);
    }

    @AfterAll
    static void close() throws Exception {
        if (proxyClasses != null) {
            proxyClasses.close();
        }
    }

    @Test
    void imageDefaultConfigLoads() throws Exception {
        assertLoads("image", Files.readString(RepoPaths.resolve("deploy/docker/config.yaml")), Map.of());
    }

    @Test
    void exampleConfigMapLoadsAsSidecarAndWithTheGatewaysListenOverride() throws Exception {
        String config = configMapConfig(Manifests.readDirectory(RepoPaths.resolve("deploy/kubernetes")),
                "refusalguard-config");
        assertLoads("sidecar", config, Map.of());
        assertLoads("gateway", config, Map.of("REFUSALGUARD_SERVER_LISTEN", "0.0.0.0:8080"));
    }

    @Test
    void chartConfigLoadsInBothModes() throws Exception {
        ChartRenderer chart = new ChartRenderer(RepoPaths.resolve("deploy/helm/refusalguard"));
        for (String mode : new String[] {"standalone", "sidecar"}) {
            Manifests m = Manifests.parse(chart.render(Map.of("mode", mode)));
            assertLoads("chart " + mode, configMapConfig(m, "rg-refusalguard-config"), Map.of());
        }
    }

    private static String configMapConfig(Manifests manifests, String name) {
        return manifests.one("ConfigMap", name).path("data").path("config.yaml").asText();
    }

    /** Loads the config with the real loader; the policy path is pointed at a local copy (it is absolute). */
    private static void assertLoads(String what, String configYaml, Map<String, String> env) throws Exception {
        JsonNode tree = Manifests.YAML.readTree(configYaml);
        Path policy = work.resolve("policy.yaml");
        Files.writeString(policy, Files.readString(RepoPaths.resolve("deploy/docker/policy.yaml")));
        ((ObjectNode) tree).put("policyFile", policy.toString());
        Path file = work.resolve(what.replace(' ', '-') + ".yaml");
        Manifests.YAML.writeValue(file.toFile(), tree);
        Map<String, String> environment = new LinkedHashMap<>(env);
        environment.put("OPENAI_API_KEY", "test");
        environment.put("ANTHROPIC_API_KEY", "test");
        try {
            Object config = load.invoke(null, file, environment, Map.of());
            assertThat(config).as(what).isNotNull();
        } catch (InvocationTargetException e) {
            throw new AssertionError(what + " config rejected by the proxy: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
