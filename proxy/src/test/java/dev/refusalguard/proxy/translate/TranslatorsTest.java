package dev.refusalguard.proxy.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refusalguard.proxy.api.AnthropicMessagesAdapter;
import dev.refusalguard.proxy.api.Api;
import dev.refusalguard.proxy.api.OpenAiChatAdapter;
import dev.refusalguard.proxy.api.StreamInspector;
import dev.refusalguard.proxy.config.ApiFormat;
import dev.refusalguard.proxy.detect.RefusalSignal;
import dev.refusalguard.proxy.sse.SseEvent;
import dev.refusalguard.proxy.testing.AnthropicReplies;
import dev.refusalguard.proxy.testing.OpenAiReplies;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TranslatorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Translation CHAT_ON_ANTHROPIC = Translations.between(Api.OPENAI_CHAT, ApiFormat.ANTHROPIC);
    private static final Translation ANTHROPIC_ON_CHAT = Translations.between(Api.ANTHROPIC_MESSAGES, ApiFormat.OPENAI);

    private static ObjectNode json(String s) throws Exception {
        return (ObjectNode) JSON.readTree(s);
    }

    private static SseEvent sse(String framed) {
        var buf = Unpooled.copiedBuffer(framed, StandardCharsets.UTF_8);
        try {
            return SseEvent.parse(buf);
        } finally {
            buf.release();
        }
    }

    private static List<String> translate(StreamTranslator t, List<String> events) {
        List<String> out = new ArrayList<>();
        events.forEach(e -> t.onEvent(sse(e), out::add));
        t.onEnd(out::add);
        return out;
    }

    @Test
    void everyAgentApiIsServedAcrossFormats() {
        assertThat(Translations.between(Api.OPENAI_CHAT, ApiFormat.OPENAI)).isNull();
        assertThat(Translations.between(Api.OPENAI_RESPONSES, ApiFormat.OPENAI)).isNull();
        assertThat(Translations.between(Api.OPENAI_RESPONSES, ApiFormat.ANTHROPIC).upstreamPath())
                .isEqualTo("/v1/messages");
        assertThat(Translations.canServe(Api.OPENAI_RESPONSES, ApiFormat.ANTHROPIC)).isTrue();
        assertThat(Translations.canServe(Api.OPENAI_CHAT, ApiFormat.ANTHROPIC)).isTrue();
        assertThat(CHAT_ON_ANTHROPIC.upstreamPath()).isEqualTo("/v1/messages");
        assertThat(ANTHROPIC_ON_CHAT.upstreamPath()).isEqualTo("/v1/chat/completions");
    }

    @Test
    void chatToolLoopBecomesToolUseAndMergedToolResults() throws Exception {
        ObjectNode chat = json("""
                {"model":"gpt-x","temperature":1.6,"stop":"END","user":"analyst-7","parallel_tool_calls":false,
                 "messages":[{"role":"developer","content":"Be terse."},{"role":"system","content":"SOC."},
                  {"role":"user","content":[{"type":"text","text":"Check host A"},
                     {"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}}]},
                  {"role":"assistant","content":null,"tool_calls":[
                     {"id":"c1","type":"function","function":{"name":"lookup","arguments":"{\\"host\\":\\"A\\"}"}},
                     {"id":"c2","type":"function","function":{"name":"lookup","arguments":"not json"}}]},
                  {"role":"tool","tool_call_id":"c1","content":"clean"},
                  {"role":"tool","tool_call_id":"c2","content":"infected"}],
                 "tools":[{"type":"function","function":{"name":"lookup","parameters":{"type":"object"}}}],
                 "tool_choice":"required","response_format":{"type":"json_object"}}""");
        JsonNode out = CHAT_ON_ANTHROPIC.request(chat);
        assertThat(out.path("system").asText()).isEqualTo("Be terse.\n\nSOC.");
        assertThat(out.path("max_tokens").asInt()).isEqualTo(ChatToMessagesRequest.DEFAULT_MAX_TOKENS);
        assertThat(out.path("temperature").asDouble()).isEqualTo(1.0);
        assertThat(out.path("stop_sequences").get(0).asText()).isEqualTo("END");
        assertThat(out.path("metadata").path("user_id").asText()).isEqualTo("analyst-7");
        assertThat(out.has("response_format")).isFalse();
        JsonNode messages = out.path("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(0).path("content").get(1).path("source").path("media_type").asText())
                .isEqualTo("image/png");
        assertThat(messages.get(1).path("content").get(0).path("input").path("host").asText()).isEqualTo("A");
        assertThat(messages.get(1).path("content").get(1).path("input")).isEmpty();
        assertThat(messages.get(2).path("role").asText()).isEqualTo("user");
        assertThat(messages.get(2).path("content")).hasSize(2);
        assertThat(messages.get(2).path("content").get(1).path("tool_use_id").asText()).isEqualTo("c2");
        assertThat(out.path("tool_choice").path("type").asText()).isEqualTo("any");
        assertThat(out.path("tool_choice").path("disable_parallel_tool_use").asBoolean()).isTrue();
        assertThat(chat.path("messages")).hasSize(6);
    }

    @Test
    void anthropicToolLoopBecomesToolCallsAndToolMessages() throws Exception {
        ObjectNode anthropic = json("""
                {"model":"claude-x","max_tokens":200,"stream":true,"top_k":5,
                 "system":[{"type":"text","text":"SOC."}],
                 "messages":[{"role":"user","content":"Check host A"},
                  {"role":"assistant","content":[{"type":"thinking","thinking":"hmm","signature":"s"},
                     {"type":"text","text":"Looking."},
                     {"type":"tool_use","id":"t1","name":"lookup","input":{"host":"A"}}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":[{"type":"text",
                     "text":"clean"}]},{"type":"text","text":"And host B?"}]}],
                 "tools":[{"name":"lookup","input_schema":{"type":"object"}},
                          {"type":"web_search_20250305","name":"web_search"}],
                 "tool_choice":{"type":"tool","name":"lookup"}}""");
        JsonNode out = ANTHROPIC_ON_CHAT.request(anthropic);
        JsonNode messages = out.path("messages");
        assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
        assertThat(messages.get(2).path("content").asText()).isEqualTo("Looking.");
        assertThat(messages.get(2).path("tool_calls").get(0).path("function").path("arguments").asText())
                .isEqualTo("{\"host\":\"A\"}");
        assertThat(messages.get(3).path("role").asText()).isEqualTo("tool");
        assertThat(messages.get(3).path("content").asText()).isEqualTo("clean");
        assertThat(messages.get(4).path("content").get(0).path("text").asText()).isEqualTo("And host B?");
        assertThat(out.path("tools")).hasSize(1);
        assertThat(out.path("tool_choice").path("function").path("name").asText()).isEqualTo("lookup");
        assertThat(out.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(out.has("top_k")).isFalse();
    }

    @Test
    void anthropicRefusalStopReasonBecomesAChatContentFilterSignal() throws Exception {
        JsonNode chat = CHAT_ON_ANTHROPIC.answer(200, json(AnthropicReplies.message("No.", "refusal")));
        assertThat(new OpenAiChatAdapter().inspect(200, chat).signal()).isEqualTo(RefusalSignal.CONTENT_FILTER);
        StreamInspector inspector = new OpenAiChatAdapter().newStreamInspector(1000);
        translate(CHAT_ON_ANTHROPIC.newStream(json("{}")), AnthropicReplies.streamEvents("No.", 2, "refusal"))
                .forEach(e -> inspector.onEvent(sse(e)));
        assertThat(inspector.signal()).isEqualTo(RefusalSignal.CONTENT_FILTER);
        assertThat(inspector.text()).isEqualTo("No.");
        assertThat(inspector.finished()).isTrue();
    }

    @Test
    void chatRefusalFieldBecomesAnAnthropicRefusalStopReason() throws Exception {
        JsonNode message = ANTHROPIC_ON_CHAT.answer(200, json(OpenAiReplies.refusalField("I can't.")));
        assertThat(new AnthropicMessagesAdapter().inspect(200, message).signal())
                .isEqualTo(RefusalSignal.STOP_REASON_REFUSAL);
        assertThat(message.path("content").get(0).path("text").asText()).isEqualTo("I can't.");
    }

    @Test
    void chatStreamBecomesTheAnthropicEventSequence() throws Exception {
        List<String> out = translate(ANTHROPIC_ON_CHAT.newStream(json("{}")), OpenAiReplies.streamEvents("Hello", 2));
        List<String> types = out.stream().map(e -> e.substring("event: ".length(), e.indexOf('\n'))).toList();
        assertThat(types).containsExactly("message_start", "content_block_start", "content_block_delta",
                "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        StreamInspector inspector = new AnthropicMessagesAdapter().newStreamInspector(100);
        out.forEach(e -> inspector.onEvent(sse(e)));
        assertThat(inspector.text()).isEqualTo("Hello");
        assertThat(inspector.finishReason()).isEqualTo("end_turn");
    }

    @Test
    void chatStreamWithoutDoneIsStillClosedAfterItsFinishReason() throws Exception {
        List<String> events = new ArrayList<>(OpenAiReplies.streamEvents("Hi", 5));
        events.remove(events.size() - 1);
        List<String> out = translate(ANTHROPIC_ON_CHAT.newStream(json("{}")), events);
        assertThat(out.get(out.size() - 1)).startsWith("event: message_stop");
    }

    @Test
    void anthropicToolStreamBecomesToolCallDeltas() throws Exception {
        List<String> out = translate(CHAT_ON_ANTHROPIC.newStream(json("{\"stream_options\":{\"include_usage\":true}}")),
                AnthropicReplies.toolUseStream("lookup", "{\"host\":\"A\"}"));
        StringBuilder arguments = new StringBuilder();
        String finish = null;
        boolean usage = false;
        for (String e : out) {
            String data = e.substring("data: ".length()).trim();
            if (data.equals("[DONE]")) {
                continue;
            }
            JsonNode chunk = JSON.readTree(data);
            usage |= chunk.path("usage").isObject();
            for (JsonNode choice : chunk.path("choices")) {
                for (JsonNode call : choice.path("delta").path("tool_calls")) {
                    assertThat(call.path("index").asInt()).isZero();
                    arguments.append(call.path("function").path("arguments").asText(""));
                }
                if (choice.path("finish_reason").isTextual()) {
                    finish = choice.get("finish_reason").asText();
                }
            }
        }
        assertThat(JSON.readTree(arguments.toString()).path("host").asText()).isEqualTo("A");
        assertThat(finish).isEqualTo("tool_calls");
        assertThat(usage).isTrue();
        assertThat(out.get(out.size() - 1)).isEqualTo("data: [DONE]\n\n");
    }

    @Test
    void errorBodiesChangeShapeButKeepTheirMessage() throws Exception {
        JsonNode openAi = CHAT_ON_ANTHROPIC.answer(429, json(AnthropicReplies.error("rate_limit_error", "Slow down")));
        assertThat(openAi.path("error").path("message").asText()).isEqualTo("Slow down");
        assertThat(openAi.path("error").path("type").asText()).isEqualTo("rate_limit_exceeded");
        JsonNode anthropic = ANTHROPIC_ON_CHAT.answer(400, json("{\"error\":{\"message\":\"Your request was rejected "
                + "as a result of our safety system.\",\"type\":\"invalid_request_error\",\"code\":\"content_filter\"}}"));
        assertThat(anthropic.path("type").asText()).isEqualTo("error");
        assertThat(anthropic.path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(new AnthropicMessagesAdapter().inspect(400, anthropic).signal())
                .as("a policy error stays recognisable after translation").isEqualTo(RefusalSignal.POLICY_ERROR);
        assertThat(CHAT_ON_ANTHROPIC.answer(502, null)).isNull();
    }
}
