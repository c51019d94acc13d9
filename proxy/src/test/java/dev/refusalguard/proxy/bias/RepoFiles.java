package dev.refusalguard.proxy.bias;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds files by their path from the repository root, whatever directory the tests run in. */
final class RepoFiles {

    private RepoFiles() {
    }

    static Path find(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve(relative);
            if (Files.exists(candidate) && Files.exists(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("proxy"))) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find " + relative + " above " + Path.of("").toAbsolutePath());
    }
}
