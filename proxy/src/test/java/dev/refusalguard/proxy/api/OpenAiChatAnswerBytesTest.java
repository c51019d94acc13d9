package dev.refusalguard.proxy.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The streaming reader of a buffered chat answer gives exactly what the tree inspection gives, body by body. */
class OpenAiChatAnswerBytesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final OpenAiChatAdapter adapter = new OpenAiChatAdapter();

    private static final List<String> BODIES = List.of(
            "{\"id\":\"c1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                    + "\"content\":\"Here is how to read the auth log: grep sshd.\"},\"finish_reason\":\"stop\"}],"
                    + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":9}}",
            "{\"choices\":[{\"message\":{\"content\":null,\"refusal\":\"I can't help with that.\"},"
                    + "\"finish_reason\":\"stop\"}]}",
            "{\"choices\":[{\"message\":{\"content\":\"partial\"},\"finish_reason\":\"content_filter\"}]}",
            "{\"choices\":[{\"message\":{\"content\":null,\"tool_calls\":[{\"id\":\"t\",\"type\":\"function\","
                    + "\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]},\"finish_reason\":\"tool_calls\"}]}",
            "{\"choices\":[{\"message\":{\"content\":\"x\",\"tool_calls\":[]}}]}",
            "{\"choices\":[{\"message\":{\"content\":\"x\",\"tool_calls\":[1,[2],{\"a\":3}]}}]}",
            "{\"choices\":[{\"message\":{\"content\":\"x\",\"tool_calls\":{}}}]}",
            "{\"choices\":[{\"message\":{\"content\":\"x\",\"function_call\":{\"name\":\"f\"}}}]}",
            "{\"choices\":[{\"message\":{\"content\":\"x\",\"function_call\":\"f\"}}]}",
            "{\"choices\":[{\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"one\"},{\"type\":\"image\"},"
                    + "{\"type\":\"text\",\"text\":\"two\"}]}}]}",
            "{\"choices\":[{\"message\":{\"content\":{\"text\":\"obj\"}}}]}",
            "{\"choices\":[{\"message\":{\"content\":42,\"refusal\":7}}]}",
            "{\"choices\":[{\"message\":{\"content\":\"a\",\"content\":\"b\",\"refusal\":\"no\",\"refusal\":\"\"}}]}",
            "{\"choices\":[{\"message\":{\"content\":\"a\"},\"message\":\"flat\"}]}",
            "{\"choices\":[{\"message\":{\"content\":\"first\"}}],\"choices\":[]}",
            "{\"choices\":[{\"message\":{\"content\":\"first\"}}],\"choices\":{\"0\":1}}",
            "{\"choices\":[{\"message\":{\"content\":\"kept\"},\"finish_reason\":7},{\"message\":{\"content\":\"no\"}}]}",
            "{\"choices\":[\"text\",{\"message\":{\"content\":\"second\"}}]}",
            "{\"choices\":[]}",
            "{\"choices\":null}",
            "{}",
            "[]",
            "[{\"choices\":[{\"message\":{\"content\":\"in array\"}}]}]",
            "\"just a string\"",
            "",
            "   ",
            "{\"choices\":[{\"message\":{\"content\":\"truncated",
            "{\"choices\":[{\"message\":{\"content\":\"ok\"}}]",
            "{\"choices\":[{\"message\":{\"content\":\"ok\"}}]} trailing",
            "{\"choices\":[{\"message\":{\"content\":\"ok\"}}]}{\"second\":1}",
            "{\"choices\":[{\"message\":{\"content\":\"ok\"}}],\"bad\":tru}",
            "{\"choices\":[{\"message\":{\"content\":\"unicode \\u00e9\\u2014 caf\u00e9 \\ud83d\\ude00\"}}]}",
            "{\"choices\":[{\"finish_reason\":\"tool_calls\",\"message\":{\"content\":\"\"}}]}",
            "{\"choices\":[{\"message\":{\"content\":\"  \",\"refusal\":\"   \"},\"finish_reason\":null}]}");

    @Test
    void everyBodyReadsTheSameAsItsTree() {
        for (String body : BODIES) {
            JsonNode tree = treeOrNull(body);
            if (tree instanceof com.fasterxml.jackson.databind.node.ObjectNode) {
                assertThat(streamed(body)).as(body).isEqualTo(adapter.inspect(200, tree));
            } else {
                // Not a readable JSON object: left to the caller (a 200 like that is answered 502 upstream_protocol).
                assertThat(streamed(body)).as(body).isNull();
            }
        }
    }

    @Test
    void otherStatusesAreLeftToTheTreeAndTheBufferIsOnlyRead() {
        ByteBuf buf = Unpooled.copiedBuffer(BODIES.get(0), StandardCharsets.UTF_8);
        try {
            assertThat(adapter.inspectBytes(400, buf)).isNull();
            int before = buf.readerIndex();
            assertThat(adapter.inspectBytes(200, buf).text()).startsWith("Here is how");
            assertThat(buf.readerIndex()).isEqualTo(before);
            assertThat(buf.refCnt()).isEqualTo(1);
        } finally {
            buf.release();
        }
    }

    private AnswerInspection streamed(String body) {
        ByteBuf buf = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
        try {
            return adapter.inspectBytes(200, buf);
        } finally {
            buf.release();
        }
    }

    private static JsonNode treeOrNull(String body) {
        if (body.isEmpty()) {
            return null;
        }
        try {
            return JSON.readTree(body.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            return null;
        }
    }
}
