package dev.refusalguard.proxy.demo;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class DemoUpstreamCommandTest {

    @Test
    void servesForTheGivenTimeOnTheGivenPortAndExitsZero() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = DemoUpstreamCommand.run(new String[] {"--port", "0", "--for", "0", "--seed", "5"},
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("SIMULATED").contains("http://127.0.0.1:");
    }

    @Test
    void unknownOptionAndBadValuesExitTwoNamingTheOption() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(DemoUpstreamCommand.run(new String[] {"--bogus"}, System.in, out, errStream)).isEqualTo(2);
        assertThat(DemoUpstreamCommand.run(new String[] {"--port", "70000"}, System.in, out, errStream)).isEqualTo(2);
        assertThat(DemoUpstreamCommand.run(new String[] {"--seed"}, System.in, out, errStream)).isEqualTo(2);
        assertThat(DemoUpstreamCommand.run(new String[] {"--port", "abc"}, System.in, out, errStream)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--bogus").contains("demo.port").contains("--seed needs a value")
                .contains("--port abc: not a whole number");
    }
}
