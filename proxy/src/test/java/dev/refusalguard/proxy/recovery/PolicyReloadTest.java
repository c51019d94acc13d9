package dev.refusalguard.proxy.recovery;

import dev.refusalguard.proxy.config.ApiFormat;
import dev.refusalguard.proxy.config.ProxyConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyReloadTest {

    private static final String POLICY = """
            version: 1
            budget:
              max_attempts: %d
              max_added_time: 10s
            reroute:
              gpt-4o: [gpt-4o-mini]
            """;

    private static ProxyConfig config(Path policyFile) {
        ProxyConfig base = ProxyConfig.singleUpstream("http://127.0.0.1:9", ApiFormat.OPENAI);
        return new ProxyConfig(base.server(), base.upstreams(), base.routes(), base.defaultUpstream(),
                base.streamWindow(), base.detection(), base.recovery(), base.authorizationContext(), base.audit(),
                policyFile.toString(), base.shadow());
    }

    @Test
    void aValidNewPolicyAppliesToLaterRequestsAndABadOneIsRejectedKeepingTheOld(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, POLICY.formatted(2));
        try (PolicyHolder holder = PolicyHolder.create(config(file))) {
            RequestPolicy before = holder.get();
            assertThat(before.maxAttempts()).isEqualTo(3);
            assertThat(before.reroute("gpt-4o")).containsExactly("gpt-4o-mini");

            Files.writeString(file, POLICY.formatted(4));
            assertThat(holder.reload()).isNull();
            assertThat(holder.get().maxAttempts()).isEqualTo(5);
            assertThat(before.maxAttempts()).as("a request in flight keeps its snapshot").isEqualTo(3);

            Files.writeString(file, "version: 1\nbudget:\n  max_attempts: 99\n");
            assertThat(holder.reload()).contains("max_attempts");
            assertThat(holder.get().maxAttempts()).isEqualTo(5);
        }
    }

    @Test
    void aConfigMapStyleSymlinkSwapIsPickedUpByTheWatcher(@TempDir Path dir) throws Exception {
        Path v1 = Files.createDirectory(dir.resolve("..v1"));
        Files.writeString(v1.resolve("policy.yaml"), POLICY.formatted(1));
        Path data = dir.resolve("..data");
        Files.createSymbolicLink(data, v1.getFileName());
        Path file = dir.resolve("policy.yaml");
        Files.createSymbolicLink(file, Path.of("..data/policy.yaml"));
        try (PolicyHolder holder = PolicyHolder.create(config(file));
             PolicyFileWatcher watcher = new PolicyFileWatcher(holder, file)) {
            assertThat(holder.get().maxAttempts()).isEqualTo(2);
            Path v2 = Files.createDirectory(dir.resolve("..v2"));
            Files.writeString(v2.resolve("policy.yaml"), POLICY.formatted(3));
            Path tmp = dir.resolve("..data_tmp");
            Files.createSymbolicLink(tmp, v2.getFileName());
            Files.move(tmp, data, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (holder.get().maxAttempts() != 4 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(holder.get().maxAttempts()).isEqualTo(4);
            assertThat(watcher.lastResult()).isEqualTo("reloaded");
        }
    }
}
