package dev.refusalguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** What can be checked of deploy/docker/Dockerfile without a Docker engine. */
class DockerfileTest {

    private static final Path DOCKERFILE = RepoPaths.resolve("deploy/docker/Dockerfile");
    private static final String JAR_IN_BUILD = "proxy/target/refusalguard.jar";
    private final Dockerfile dockerfile = Dockerfile.read(DOCKERFILE);

    @Test
    void isMultiStageWithAJdkBuildAndAJreRuntime() {
        assertThat(dockerfile.stages()).hasSize(2);
        assertThat(dockerfile.stages().get(0).image()).startsWith("maven:").contains("eclipse-temurin-17");
        assertThat(dockerfile.finalStage().image()).startsWith("eclipse-temurin:17").contains("-jre");
    }

    @Test
    void baseImagesArePinnedToExactVersionTagsNeverLatest() {
        for (Dockerfile.Stage stage : dockerfile.stages()) {
            String image = stage.image();
            assertThat(image).as("image of stage %s", stage.alias()).doesNotContain("$")
                    .doesNotEndWith(":latest");
            boolean digest = image.matches(".+@sha256:[a-f0-9]{64}$");
            String tag = image.contains(":") ? image.substring(image.lastIndexOf(':') + 1) : "";
            assertThat(digest || tag.matches(".*\\d+\\.\\d+\\.\\d+.*"))
                    .as("%s is pinned to an x.y.z version tag or a digest", image).isTrue();
        }
    }

    @Test
    void buildStageBuildsTheShadedJarTheRuntimeCopies() {
        String runs = String.join("\n", dockerfile.stages().get(0).arguments("RUN"));
        assertThat(runs).contains("mvn -B").contains("-DskipTests").contains(" package").contains(JAR_IN_BUILD);
        String copies = String.join("\n", dockerfile.finalStage().arguments("COPY"));
        assertThat(copies).contains("/opt/refusalguard/refusalguard.jar").contains("/opt/refusalguard/native/");
    }

    @Test
    void runsAsANumericNonRootUserThatTheManifestsAlsoName() {
        List<String> users = dockerfile.finalStage().arguments("USER");
        assertThat(users).hasSize(1);
        String user = users.get(0);
        assertThat(user).matches("\\d+:\\d+");
        int uid = Integer.parseInt(user.substring(0, user.indexOf(':')));
        assertThat(uid).isGreaterThan(0);
        String runs = String.join("\n", dockerfile.finalStage().arguments("RUN"));
        assertThat(runs).contains("--uid " + uid);
        Manifests examples = Manifests.readDirectory(RepoPaths.resolve("deploy/kubernetes"));
        for (JsonNode d : examples.ofKind("Deployment")) {
            assertThat(PodChecks.refusalguardContainer(d).path("securityContext").path("runAsUser").asInt())
                    .as("%s runAsUser", PodChecks.name(d)).isEqualTo(uid);
        }
    }

    @Test
    void exposesProxyAndAdminPortsAndHasNoHealthcheck() {
        assertThat(String.join(" ", dockerfile.finalStage().arguments("EXPOSE")).split("\\s+"))
                .containsExactlyInAnyOrder("8080", "9090");
        for (Dockerfile.Stage stage : dockerfile.stages()) {
            assertThat(stage.arguments("HEALTHCHECK")).as("Kubernetes probes replace HEALTHCHECK").isEmpty();
        }
    }

    @Test
    void entrypointKeepsContainerSafetyFlagsAndTheReadOnlyFriendlyPaths() throws IOException {
        List<String> entrypoint = jsonArray(dockerfile.finalStage().arguments("ENTRYPOINT"));
        assertThat(entrypoint).first().isEqualTo("java");
        assertThat(entrypoint).contains("-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=/tmp",
                "-Donnxruntime.native.path=/opt/refusalguard/native");
        assertThat(entrypoint).containsSequence("-jar", "/opt/refusalguard/refusalguard.jar");
        List<String> cmd = jsonArray(dockerfile.finalStage().arguments("CMD"));
        assertThat(cmd).containsExactly("serve", "--config", "/etc/refusalguard/config.yaml");
        String env = String.join("\n", dockerfile.finalStage().arguments("ENV"));
        assertThat(env).contains("JAVA_TOOL_OPTIONS=").contains("-XX:MaxRAMPercentage=")
                .contains("-XX:MaxDirectMemorySize=");
    }

    @Test
    void nativeLibrariesTheBuildExtractsExistInTheOnnxRuntimeJar() {
        String runs = String.join("\n", dockerfile.stages().get(0).arguments("RUN"));
        Matcher dirs = Pattern.compile("ort_dir=([a-z0-9_-]+)").matcher(runs);
        List<String> found = new ArrayList<>();
        while (dirs.find()) {
            found.add(dirs.group(1));
        }
        assertThat(found).containsExactlyInAnyOrder("linux-x64", "linux-aarch64");
        for (String dir : found) {
            for (String lib : List.of("libonnxruntime.so", "libonnxruntime4j_jni.so")) {
                assertThat(runs).contains(lib);
                assertThat(getClass().getClassLoader().getResource("ai/onnxruntime/native/" + dir + "/" + lib))
                        .as("%s/%s in the onnxruntime jar the parent pom pins", dir, lib).isNotNull();
            }
        }
    }

    @Test
    void everyFileTheImageCopiesFromTheContextExistsAndPassesTheIgnoreFile() throws IOException {
        List<String> ignore = Files.readAllLines(RepoPaths.resolve("deploy/docker/Dockerfile.dockerignore"));
        for (Dockerfile.Stage stage : dockerfile.stages()) {
            for (String copy : stage.arguments("COPY")) {
                if (copy.contains("--from=")) {
                    continue;
                }
                List<String> words = new ArrayList<>();
                for (String w : copy.split("\\s+")) {
                    if (!w.startsWith("--")) {
                        words.add(w);
                    }
                }
                for (String source : words.subList(0, words.size() - 1)) {
                    if (source.equals(".")) {
                        continue;
                    }
                    assertThat(RepoPaths.resolve(source)).as("COPY source %s", source).exists();
                    assertThat(ignore).as("%s let into the build context", source).contains("!" + source);
                }
            }
        }
    }

    @Test
    void ignoreFileLetsInEveryModuleOfTheParentPomAndKeepsBuildOutputOut() throws IOException {
        String parent = Files.readString(RepoPaths.resolve("pom.xml"));
        List<String> ignore = Files.readAllLines(RepoPaths.resolve("deploy/docker/Dockerfile.dockerignore"));
        assertThat(ignore).contains("*", "!pom.xml", "**/target/");
        Matcher modules = Pattern.compile("<module>([^<]+)</module>").matcher(parent);
        int count = 0;
        while (modules.find()) {
            String module = modules.group(1).strip();
            count++;
            assertThat(ignore.contains("!" + module + "/") || ignore.contains("!" + module + "/pom.xml"))
                    .as("module %s reaches the build (the reactor needs at least its pom)", module).isTrue();
        }
        assertThat(count).isGreaterThanOrEqualTo(3);
    }

    @Test
    void bakedConfigPointsAtThePolicyFileTheImageShips() throws IOException {
        ProxyConfigView config = ProxyConfigView.parse(Files.readString(RepoPaths.resolve("deploy/docker/config.yaml")));
        String copies = String.join("\n", dockerfile.finalStage().arguments("COPY"));
        assertThat(copies).contains("deploy/docker/config.yaml /etc/refusalguard/config.yaml")
                .contains("deploy/docker/policy.yaml " + config.policyFile());
    }

    @Test
    void builtJarHasTheMainClassAndTheNativeLibrariesTheImageExtracts() throws IOException {
        Path jar = RepoPaths.resolve(JAR_IN_BUILD);
        Assumptions.assumeTrue(Files.isRegularFile(jar),
                JAR_IN_BUILD + " is not built yet (run mvn -B -DskipTests package at the root); skipping");
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("dev.refusalguard.proxy.cli.Main");
            for (String dir : List.of("linux-x64", "linux-aarch64")) {
                for (String lib : List.of("libonnxruntime.so", "libonnxruntime4j_jni.so")) {
                    assertThat(file.getEntry("ai/onnxruntime/native/" + dir + "/" + lib)).as(dir + "/" + lib)
                            .isNotNull();
                }
            }
        }
    }

    private static List<String> jsonArray(List<String> instructions) throws IOException {
        assertThat(instructions).as("exactly one, in exec (JSON) form").hasSize(1);
        JsonNode array = Manifests.YAML.readTree(instructions.get(0));
        assertThat(array.isArray()).isTrue();
        return PodChecks.texts(array);
    }
}
