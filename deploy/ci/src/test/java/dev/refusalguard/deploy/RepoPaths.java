package dev.refusalguard.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths inside the repository, resolved from the {@code repo.root} system property set by the pom. */
final class RepoPaths {

    private RepoPaths() {
    }

    static Path root() {
        String root = System.getProperty("repo.root");
        Path path = root != null ? Path.of(root) : Path.of("../..");
        Path normalized = path.toAbsolutePath().normalize();
        if (!Files.isRegularFile(normalized.resolve("pom.xml"))) {
            throw new IllegalStateException("repo.root " + normalized + " holds no pom.xml");
        }
        return normalized;
    }

    static Path resolve(String relative) {
        return root().resolve(relative);
    }

    /** Where rendered charts are written for the npm schema validator (deploy/ci/schema). */
    static Path renderedDir() {
        String dir = System.getProperty("rendered.dir");
        return dir != null ? Path.of(dir) : root().resolve("deploy/ci/target/rendered");
    }
}
