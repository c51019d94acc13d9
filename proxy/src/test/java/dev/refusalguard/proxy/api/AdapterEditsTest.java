package dev.refusalguard.proxy.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refusalguard.proxy.detect.RefusalSignal;
import io.netty.buffer.Unpooled;
import dev.refusalguard.proxy.sse.SseEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Request edits and answer reading of the Anthropic Messages and OpenAI Responses adapters. */
class AdapterEditsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final AnthropicMessagesAdapter messages = new AnthropicMessagesAdapter();
    private final OpenAiResponsesAdapter responses = new OpenAiResponsesAdapter();

    private static ObjectNode json(String s) throws Exception {
        return (ObjectNode) JSON.readTree(s);
    }

    private static SseEvent sse(String data) {
        var buf = Unpooled.copiedBuffer("data: " + data + "\n\n", StandardCharsets.UTF_8);
        try {
            return SseEvent.parse(buf);
        } finally {
            buf.release();
        }
    }

    @Test
    void anthropicRewriteSkipsToolResultTurnsAndTouchesOnlyTextBlocks() throws Exception {
        ObjectNode body = json("""
                {"model":"c","max_tokens":9,"messages":[
                 {"role":"user","content":[{"type":"text","text":"find the exploit"},
                   {"type":"image","source":{"type":"url","url":"http://x/exploit.png"}}]},
                 {"role":"assistant","content":[{"type":"tool_use","id":"t","name":"grep","input":{}}]},
                 {"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":"exploit found"}]}]}""");
        assertThat(messages.parse(body).lastUserText()).isEqualTo("find the exploit");
        ObjectNode out = messages.rewriteLastUserText(body, String::toUpperCase);
        assertThat(out.at("/messages/0/content/0/text").asText()).isEqualTo("FIND THE EXPLOIT");
        assertThat(out.at("/messages/0/content/1/source/url").asText()).isEqualTo("http://x/exploit.png");
        assertThat(out.at("/messages/2/content/0/content").asText()).isEqualTo("exploit found");
        assertThat(body.at("/messages/0/content/0/text").asText()).isEqualTo("find the exploit");
    }

    @Test
    void anthropicSystemContextIsAppendedToAStringOrAsABlock() throws Exception {
        assertThat(messages.addSystemContext(json("{\"system\":\"SOC\"}"), "AUTH").path("system").asText())
                .isEqualTo("SOC\n\nAUTH");
        JsonNode blocks = messages.addSystemContext(json("{\"system\":[{\"type\":\"text\",\"text\":\"SOC\","
                + "\"cache_control\":{\"type\":\"ephemeral\"}}]}"), "AUTH").path("system");
        assertThat(blocks).hasSize(2);
        assertThat(blocks.get(0).has("cache_control")).isTrue();
        assertThat(blocks.get(1).path("text").asText()).isEqualTo("AUTH");
        assertThat(messages.addSystemContext(json("{}"), "AUTH").path("system").asText()).isEqualTo("AUTH");
        assertThat(messages.parse(json("{\"model\":\"c\",\"system\":[{\"type\":\"text\",\"text\":\"SOC\"}],"
                + "\"messages\":[]}")).systemText()).isEqualTo("SOC");
    }

    @Test
    void anthropicRequestsWithoutModelOrMessagesAreRejected() {
        assertThatThrownBy(() -> messages.parse(json("{\"messages\":[]}"))).isInstanceOf(ApiRequestException.class)
                .hasMessageContaining("model");
        assertThatThrownBy(() -> messages.parse(json("{\"model\":\"c\"}"))).hasMessageContaining("messages");
    }

    @Test
    void anthropicStreamErrorEventEndsTheStreamAndNamesAPolicyError() {
        StreamInspector inspector = messages.newStreamInspector(100);
        inspector.onEvent(sse("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                + "\"message\":\"Output blocked by content filtering policy\"}}"));
        assertThat(inspector.finished()).isTrue();
        assertThat(inspector.signal()).isEqualTo(RefusalSignal.POLICY_ERROR);
    }

    @Test
    void responsesRewriteHandlesStringAndItemInputs() throws Exception {
        assertThat(responses.rewriteLastUserText(json("{\"input\":\"exploit\"}"), String::toUpperCase)
                .path("input").asText()).isEqualTo("EXPLOIT");
        ObjectNode items = json("""
                {"model":"m","input":[{"role":"user","content":"first"},
                  {"type":"message","role":"user","content":[{"type":"input_text","text":"second"},
                     {"type":"input_image","image_url":"http://x"}]},
                  {"type":"function_call_output","call_id":"c","output":"data"}]}""");
        assertThat(responses.parse(items).lastUserText()).isEqualTo("second");
        ObjectNode out = responses.rewriteLastUserText(items, String::toUpperCase);
        assertThat(out.at("/input/1/content/0/text").asText()).isEqualTo("SECOND");
        assertThat(out.at("/input/0/content").asText()).isEqualTo("first");
        assertThat(out.at("/input/2/output").asText()).isEqualTo("data");
    }

    @Test
    void responsesSystemContextGoesToInstructions() throws Exception {
        assertThat(responses.addSystemContext(json("{\"instructions\":\"SOC\"}"), "AUTH").path("instructions")
                .asText()).isEqualTo("SOC\n\nAUTH");
        assertThat(responses.addSystemContext(json("{}"), "AUTH").path("instructions").asText()).isEqualTo("AUTH");
        assertThat(responses.parse(json("{\"model\":\"m\",\"instructions\":\"SOC\",\"input\":[{\"role\":"
                + "\"developer\",\"content\":\"Terse\"}]}")).systemText()).isEqualTo("SOC\nTerse");
    }

    @Test
    void responsesStreamSignalsRefusalDeltaContentFilterAndCalls() {
        StreamInspector refusal = responses.newStreamInspector(100);
        refusal.onEvent(sse("{\"type\":\"response.refusal.delta\",\"delta\":\"No.\"}"));
        assertThat(refusal.signal()).isEqualTo(RefusalSignal.REFUSAL_FIELD);
        StreamInspector filtered = responses.newStreamInspector(100);
        filtered.onEvent(sse("{\"type\":\"response.incomplete\",\"response\":{\"incomplete_details\":"
                + "{\"reason\":\"content_filter\"}}}"));
        assertThat(filtered.signal()).isEqualTo(RefusalSignal.CONTENT_FILTER);
        assertThat(filtered.finished()).isTrue();
        StreamInspector call = responses.newStreamInspector(100);
        call.onEvent(sse("{\"type\":\"response.output_item.added\",\"item\":{\"type\":\"function_call\"}}"));
        assertThat(call.toolCall()).isTrue();
        StreamInspector error = responses.newStreamInspector(100);
        error.onEvent(sse("{\"type\":\"error\",\"code\":\"content_policy_violation\",\"message\":\"blocked\"}"));
        assertThat(error.signal()).isEqualTo(RefusalSignal.POLICY_ERROR);
    }
}
