package dev.refusalguard.proxy.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refusalguard.proxy.api.AnswerInspection;
import dev.refusalguard.proxy.api.Api;
import dev.refusalguard.proxy.api.OpenAiResponsesAdapter;
import dev.refusalguard.proxy.api.StreamInspector;
import dev.refusalguard.proxy.config.ApiFormat;
import dev.refusalguard.proxy.detect.RefusalSignal;
import dev.refusalguard.proxy.sse.SseEvent;
import dev.refusalguard.proxy.testing.AnthropicReplies;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** OpenAI Responses agents served by an Anthropic Messages upstream: request, answer and stream translation. */
class ResponsesTranslationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Translation RESPONSES_ON_ANTHROPIC =
            Translations.between(Api.OPENAI_RESPONSES, ApiFormat.ANTHROPIC);

    private static ObjectNode json(String s) throws Exception {
        return (ObjectNode) JSON.readTree(s);
    }

    private static List<JsonNode> translate(List<String> events) throws Exception {
        StreamTranslator t = RESPONSES_ON_ANTHROPIC.newStream(json("{\"model\":\"m\",\"input\":\"x\"}"));
        List<String> out = new ArrayList<>();
        for (String e : events) {
            t.onEvent(sse(e), out::add);
        }
        t.onEnd(out::add);
        List<JsonNode> parsed = new ArrayList<>();
        for (String framed : out) {
            SseEvent event = sse(framed);
            JsonNode data = JSON.readTree(event.data());
            assertThat(event.event()).as("event name matches its type").isEqualTo(data.path("type").asText());
            parsed.add(data);
        }
        return parsed;
    }

    private static SseEvent sse(String framed) {
        var buf = Unpooled.copiedBuffer(framed, StandardCharsets.UTF_8);
        try {
            return SseEvent.parse(buf);
        } finally {
            buf.release();
        }
    }

    private static StreamInspector inspect(List<JsonNode> events) {
        StreamInspector inspector = new OpenAiResponsesAdapter().newStreamInspector(1_000);
        for (JsonNode e : events) {
            inspector.onEvent(sse("event: " + e.path("type").asText() + "\ndata: " + e + "\n\n"));
        }
        return inspector;
    }

    @Test
    void responsesRequestWithInstructionsItemsAndAFunctionLoopBecomesAMessagesRequest() throws Exception {
        ObjectNode request = json("""
                {"model":"claude-x","instructions":"You are a SOC assistant.","temperature":1.4,"top_p":0.9,
                 "max_output_tokens":500,"stream":true,"previous_response_id":"resp_old","store":true,
                 "user":"analyst-7","parallel_tool_calls":false,"tool_choice":{"type":"function","name":"lookup"},
                 "tools":[{"type":"function","name":"lookup","description":"Look up a host","strict":true,
                           "parameters":{"type":"object","properties":{"host":{"type":"string"}}}},
                          {"type":"web_search"}],
                 "input":[{"role":"developer","content":"Be terse."},
                  {"type":"message","role":"user","content":[{"type":"input_text","text":"Check host A"},
                     {"type":"input_image","image_url":"data:image/png;base64,AAAA"}]},
                  {"type":"reasoning","id":"rs_1","summary":[]},
                  {"type":"function_call","call_id":"call_1","name":"lookup","arguments":"{\\"host\\":\\"A\\"}"},
                  {"type":"function_call_output","call_id":"call_1","output":"clean"},
                  {"type":"message","role":"assistant","content":[{"type":"output_text","text":"Host A is clean."}]},
                  {"role":"user","content":"And host B?"}]}""");
        JsonNode out = RESPONSES_ON_ANTHROPIC.request(request);
        assertThat(out).isEqualTo(json("""
                {"model":"claude-x","messages":[
                  {"role":"user","content":[{"type":"text","text":"Check host A"},
                     {"type":"image","source":{"type":"base64","media_type":"image/png","data":"AAAA"}}]},
                  {"role":"assistant","content":[{"type":"tool_use","id":"call_1","name":"lookup",
                     "input":{"host":"A"}}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"call_1","content":"clean"}]},
                  {"role":"assistant","content":[{"type":"text","text":"Host A is clean."}]},
                  {"role":"user","content":[{"type":"text","text":"And host B?"}]}],
                 "system":"You are a SOC assistant.\\n\\nBe terse.","max_tokens":500,"temperature":1.0,"top_p":0.9,
                 "stream":true,
                 "tools":[{"name":"lookup","description":"Look up a host",
                           "input_schema":{"type":"object","properties":{"host":{"type":"string"}}}}],
                 "tool_choice":{"type":"tool","name":"lookup","disable_parallel_tool_use":true},
                 "metadata":{"user_id":"analyst-7"}}"""));
        assertThat(request.has("messages")).as("the agent's body is never modified").isFalse();
    }

    @Test
    void aStringInputWithoutLimitsGetsAnthropicsRequiredMaxTokens() throws Exception {
        JsonNode out = RESPONSES_ON_ANTHROPIC.request(json("{\"model\":\"c\",\"input\":\"hello\"}"));
        assertThat(out).isEqualTo(json("{\"model\":\"c\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "[{\"type\":\"text\",\"text\":\"hello\"}]}],\"max_tokens\":4096}"));
    }

    @Test
    void anthropicMessageBecomesAResponseWithMessageAndFunctionCallItems() throws Exception {
        JsonNode answer = RESPONSES_ON_ANTHROPIC.answer(200, json(AnthropicReplies.toolUse("lookup",
                "{\"host\":\"A\"}")));
        assertThat(answer.path("object").asText()).isEqualTo("response");
        assertThat(answer.path("id").asText()).isEqualTo("resp_msg_test");
        assertThat(answer.path("status").asText()).isEqualTo("completed");
        JsonNode output = answer.path("output");
        assertThat(output).hasSize(2);
        assertThat(output.get(0).path("type").asText()).isEqualTo("message");
        assertThat(output.get(0).path("content").get(0).path("text").asText()).isEqualTo("Let me look that up.");
        assertThat(output.get(1).path("type").asText()).isEqualTo("function_call");
        assertThat(output.get(1).path("call_id").asText()).isEqualTo("toolu_01");
        assertThat(JSON.readTree(output.get(1).path("arguments").asText())).isEqualTo(json("{\"host\":\"A\"}"));
        assertThat(answer.path("usage").path("output_tokens").asInt()).isEqualTo(34);
        assertThat(answer.path("usage").path("total_tokens").asInt()).isEqualTo(46);
        AnswerInspection seen = new OpenAiResponsesAdapter().inspect(200, answer);
        assertThat(seen.toolCall()).as("a function call is never a refusal").isTrue();
    }

    @Test
    void anthropicRefusalKeepsItsSignalAsAContentFilteredResponse() throws Exception {
        JsonNode answer = RESPONSES_ON_ANTHROPIC.answer(200, json(AnthropicReplies.message("I can't help.",
                "refusal")));
        assertThat(answer.path("status").asText()).isEqualTo("incomplete");
        assertThat(answer.path("incomplete_details").path("reason").asText()).isEqualTo("content_filter");
        AnswerInspection seen = new OpenAiResponsesAdapter().inspect(200, answer);
        assertThat(seen.signal()).isEqualTo(RefusalSignal.CONTENT_FILTER);
        assertThat(seen.text()).isEqualTo("I can't help.");
        JsonNode truncated = RESPONSES_ON_ANTHROPIC.answer(200, json(AnthropicReplies.message("Partial",
                "max_tokens")));
        assertThat(truncated.path("incomplete_details").path("reason").asText()).isEqualTo("max_output_tokens");
    }

    @Test
    void anthropicErrorsTakeOpenAisErrorShape() throws Exception {
        JsonNode error = RESPONSES_ON_ANTHROPIC.answer(529, json(AnthropicReplies.error("overloaded_error",
                "Overloaded")));
        assertThat(error).isEqualTo(json("{\"error\":{\"message\":\"Overloaded\",\"type\":\"server_error\","
                + "\"param\":null,\"code\":\"overloaded_error\"}}"));
    }

    @Test
    void anthropicTextStreamBecomesTheResponsesEventSequence() throws Exception {
        List<JsonNode> events = translate(AnthropicReplies.streamEvents("Hello there, analyst.", 6, "end_turn"));
        assertThat(events).extracting(e -> e.path("type").asText()).containsExactly("response.created",
                "response.in_progress", "response.output_item.added", "response.content_part.added",
                "response.output_text.delta", "response.output_text.delta", "response.output_text.delta",
                "response.output_text.delta", "response.output_text.done", "response.content_part.done",
                "response.output_item.done", "response.completed");
        assertThat(events).extracting(e -> e.path("sequence_number").asInt())
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        JsonNode completed = events.get(11).path("response");
        assertThat(completed.path("status").asText()).isEqualTo("completed");
        assertThat(completed.path("output").get(0).path("content").get(0).path("text").asText())
                .isEqualTo("Hello there, analyst.");
        assertThat(completed.path("usage").path("output_tokens").asInt()).isEqualTo(34);
        assertThat(events.get(8).path("text").asText()).isEqualTo("Hello there, analyst.");
        StreamInspector inspector = inspect(events);
        assertThat(inspector.text()).isEqualTo("Hello there, analyst.");
        assertThat(inspector.finished()).isTrue();
        assertThat(inspector.signal()).isNull();
    }

    @Test
    void anthropicStreamedRefusalEndsAsAContentFilteredIncompleteResponse() throws Exception {
        List<JsonNode> events = translate(AnthropicReplies.streamEvents("I can't help with that.", 8, "refusal"));
        JsonNode last = events.get(events.size() - 1);
        assertThat(last.path("type").asText()).isEqualTo("response.incomplete");
        assertThat(last.path("response").path("incomplete_details").path("reason").asText())
                .isEqualTo("content_filter");
        assertThat(inspect(events).signal()).isEqualTo(RefusalSignal.CONTENT_FILTER);
    }

    @Test
    void anthropicToolUseStreamBecomesAFunctionCallItem() throws Exception {
        String args = "{\"query\":\"failed logins\",\"hours\":24}";
        List<JsonNode> events = translate(AnthropicReplies.toolUseStream("search_logs", args));
        assertThat(events).extracting(e -> e.path("type").asText()).containsExactly("response.created",
                "response.in_progress", "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.delta", "response.function_call_arguments.done",
                "response.output_item.done", "response.completed");
        assertThat(events.get(2).path("item").path("type").asText()).isEqualTo("function_call");
        assertThat(events.get(2).path("item").path("call_id").asText()).isEqualTo("toolu_01");
        assertThat(events.get(3).path("delta").asText() + events.get(4).path("delta").asText()).isEqualTo(args);
        assertThat(events.get(6).path("item").path("arguments").asText()).isEqualTo(args);
        assertThat(inspect(events).toolCall()).isTrue();
    }

    @Test
    void aStreamCutBeforeMessageStopStaysCut() throws Exception {
        List<String> upstream = new ArrayList<>(AnthropicReplies.streamEvents("Partial answer", 4, "end_turn"));
        upstream.subList(upstream.size() - 3, upstream.size()).clear();
        List<JsonNode> events = translate(upstream);
        assertThat(events).extracting(e -> e.path("type").asText())
                .doesNotContain("response.completed", "response.incomplete");
    }

    @Test
    void anthropicErrorEventBecomesAnErrorEvent() throws Exception {
        List<String> upstream = new ArrayList<>(AnthropicReplies.streamEvents("", 4, "end_turn").subList(0, 1));
        upstream.add("event: error\ndata: " + AnthropicReplies.error("overloaded_error", "Overloaded") + "\n\n");
        JsonNode error = translate(upstream).get(2);
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.path("code").asText()).isEqualTo("overloaded_error");
        assertThat(error.path("message").asText()).isEqualTo("Overloaded");
    }
}
