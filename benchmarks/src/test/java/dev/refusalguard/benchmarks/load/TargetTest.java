package dev.refusalguard.benchmarks.load;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetTest {

    @Test
    void parsesNameUrlPidAndRoutingHeaders() {
        Target t = Target.parse("name=portkey,url=http://127.0.0.1:8787/v1/chat/completions,pid=42,"
                + "header=x-portkey-provider:openai,header=x-portkey-custom-host:http://127.0.0.1:9000/v1");
        assertThat(t.name()).isEqualTo("portkey");
        assertThat(t.port()).isEqualTo(8787);
        assertThat(t.pathAndQuery()).isEqualTo("/v1/chat/completions");
        assertThat(t.pid()).isEqualTo(42);
        assertThat(t.headers()).containsEntry("x-portkey-custom-host", "http://127.0.0.1:9000/v1")
                .containsEntry("x-portkey-provider", "openai");
    }

    @Test
    void unknownKeyOrMissingPortIsRejectedNamingTheProblem() {
        assertThatThrownBy(() -> Target.parse("name=a,url=http://127.0.0.1:1/x,colour=red"))
                .hasMessageContaining("colour");
        assertThatThrownBy(() -> Target.parse("name=a,url=http://localhost/x"))
                .hasMessageContaining("target.url");
    }

    @Test
    void everyRoundRotatesTheTargetOrder() {
        List<Target> ts = List.of(Target.parse("name=a,url=http://h:1/"), Target.parse("name=b,url=http://h:1/"),
                Target.parse("name=c,url=http://h:1/"));
        HarnessPlan plan = new HarnessPlan(ts, 3, Duration.ofSeconds(1), Duration.ZERO, Duration.ZERO, 1, List.of(10), 0, 0, 1,
                Duration.ofSeconds(1), 0, Path.of("."));
        assertThat(plan.order(0)).extracting(Target::name).containsExactly("a", "b", "c");
        assertThat(plan.order(1)).extracting(Target::name).containsExactly("b", "c", "a");
        assertThat(plan.order(2)).extracting(Target::name).containsExactly("c", "a", "b");
    }

    @Test
    void harnessOptionsAreValidatedWithTheOptionName() {
        assertThatThrownBy(() -> LoadHarness.parse(new String[]{"--target", "name=a,url=http://h:1/", "--out", "x",
                "--rounds", "0"})).hasMessageContaining("--rounds");
        assertThatThrownBy(() -> LoadHarness.parse(new String[]{"--target", "name=a,url=http://h:1/", "--out", "x",
                "--speed", "9"})).hasMessageContaining("--speed");
    }
}
