package dev.refusalguard.proxy.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refusalguard.proxy.config.ApiFormat;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditArgumentsTest {

    private static final String[] REQUIRED = {"--prompts", "p.jsonl", "--model", "m", "--out", "o"};

    private static AuditOptions parse(String upstream, String... extra) throws AuditArguments.UsageException {
        String[] args = new String[REQUIRED.length + 2 + extra.length];
        System.arraycopy(REQUIRED, 0, args, 0, REQUIRED.length);
        args[REQUIRED.length] = "--upstream";
        args[REQUIRED.length + 1] = upstream;
        System.arraycopy(extra, 0, args, REQUIRED.length + 2, extra.length);
        return AuditArguments.parse(args);
    }

    @Test
    void endpointIsDerivedFromABaseUrlOrKeptWhenComplete() throws Exception {
        assertThat(parse("https://api.openai.com").endpoint().toString())
                .isEqualTo("https://api.openai.com/v1/chat/completions");
        assertThat(parse("http://127.0.0.1:8000/v1/").endpoint().toString())
                .isEqualTo("http://127.0.0.1:8000/v1/chat/completions");
        assertThat(parse("https://api.anthropic.com", "--format", "anthropic").endpoint().toString())
                .isEqualTo("https://api.anthropic.com/v1/messages");
        assertThat(parse("http://h/x/v1/chat/completions").endpoint().toString())
                .isEqualTo("http://h/x/v1/chat/completions");
    }

    @Test
    void defaultsAreSensible() throws Exception {
        AuditOptions options = parse("http://h");
        assertThat(options.format()).isEqualTo(ApiFormat.OPENAI);
        assertThat(options.apiKeyEnv()).isEqualTo("OPENAI_API_KEY");
        assertThat(options.concurrency()).isEqualTo(4);
        assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.variants()).containsExactly(AuditVariant.values());
        assertThat(options.keepText()).isFalse();
        assertThat(parse("http://h", "--format=anthropic").apiKeyEnv()).isEqualTo("ANTHROPIC_API_KEY");
    }

    @Test
    void variantsAreParsedInTheirFixedOrder() throws Exception {
        assertThat(parse("http://h", "--variants", "free_text_claim,original").variants())
                .isEqualTo(List.of(AuditVariant.ORIGINAL, AuditVariant.FREE_TEXT_CLAIM));
        assertThatThrownBy(() -> parse("http://h", "--variants", "original,shouting"))
                .hasMessageContaining("--variants").hasMessageContaining("shouting");
    }

    @Test
    void badValuesNameTheirOption() {
        assertThatThrownBy(() -> parse("ftp://h")).hasMessageContaining("--upstream");
        assertThatThrownBy(() -> parse("http://h", "--rate", "fast")).hasMessageContaining("--rate");
        assertThatThrownBy(() -> parse("http://h", "--timeout", "soon")).hasMessageContaining("--timeout");
        assertThatThrownBy(() -> parse("http://h", "--format", "cohere")).hasMessageContaining("--format");
        assertThatThrownBy(() -> AuditArguments.parse(new String[] {"--model", "m"}))
                .hasMessageContaining("--prompts");
    }
}
