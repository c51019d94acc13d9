package dev.refusalguard.proxy.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refusalguard.proxy.sse.SseEvent;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code chat.completion.chunk} events as the Anthropic event sequence: the first chunk opens message_start,
 * content (and refusal) deltas become a text block's text_delta events, each new tool call opens a tool_use block
 * whose argument pieces become input_json_delta events, and {@code [DONE]} (or the end of the stream after a
 * finish_reason) closes the open block and sends message_delta (stop_reason, output tokens) and message_stop.
 * Only choice 0 is kept; an error chunk becomes an error event.
 */
final class ChatToMessagesStream implements StreamTranslator {

    private final Map<Integer, Integer> blockByToolIndex = new HashMap<>();
    private boolean started;
    private boolean stopped;
    private int nextBlock;
    private int openBlock = -1;
    private boolean openIsText;
    private boolean refusal;
    private String finishReason;
    private JsonNode usage = Wire.object();

    @Override
    public void onEvent(SseEvent event, Consumer<String> out) {
        if (stopped || event.data() == null) {
            return;
        }
        if (event.data().equals("[DONE]")) {
            stop(out);
            return;
        }
        JsonNode chunk = Wire.parse(event.data());
        if (chunk == null) {
            return;
        }
        if (chunk.has("error")) {
            stopped = true;
            ObjectNode error = Wire.object().put("type", "error");
            error.putObject("error").put("type", "api_error")
                    .put("message", chunk.path("error").path("message").asText(""));
            out.accept(Wire.named("error", error));
            return;
        }
        start(chunk, out);
        if (chunk.path("usage").isObject()) {
            usage = chunk.get("usage");
        }
        for (JsonNode choice : chunk.path("choices")) {
            if (choice.path("index").asInt(0) != 0) {
                continue;
            }
            JsonNode delta = choice.path("delta");
            text(delta.path("content").asText(""), out);
            if (!delta.path("refusal").asText("").isEmpty()) {
                refusal = true;
                text(delta.get("refusal").asText(), out);
            }
            for (JsonNode call : delta.path("tool_calls")) {
                toolCall(call, out);
            }
            if (choice.path("finish_reason").isTextual()) {
                finishReason = choice.get("finish_reason").asText();
                closeBlock(out);
            }
        }
    }

    private void start(JsonNode chunk, Consumer<String> out) {
        if (started) {
            return;
        }
        started = true;
        ObjectNode message = Wire.object().put("id", "msg_" + chunk.path("id").asText("")).put("type", "message")
                .put("role", "assistant").put("model", chunk.path("model").asText(""));
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", 0).put("output_tokens", 0);
        ObjectNode event = Wire.object().put("type", "message_start");
        event.set("message", message);
        out.accept(Wire.named("message_start", event));
    }

    private void text(String text, Consumer<String> out) {
        if (text.isEmpty()) {
            return;
        }
        if (openBlock < 0 || !openIsText) {
            closeBlock(out);
            openBlock(Wire.object().put("type", "text").put("text", ""), true, out);
        }
        ObjectNode event = Wire.object().put("type", "content_block_delta").put("index", openBlock);
        event.putObject("delta").put("type", "text_delta").put("text", text);
        out.accept(Wire.named("content_block_delta", event));
    }

    private void toolCall(JsonNode call, Consumer<String> out) {
        int toolIndex = call.path("index").asInt(0);
        Integer block = blockByToolIndex.get(toolIndex);
        if (block == null) {
            closeBlock(out);
            ObjectNode use = Wire.object().put("type", "tool_use").put("id", call.path("id").asText(""))
                    .put("name", call.path("function").path("name").asText(""));
            use.putObject("input");
            block = openBlock(use, false, out);
            blockByToolIndex.put(toolIndex, block);
        }
        String arguments = call.path("function").path("arguments").asText("");
        if (!arguments.isEmpty()) {
            ObjectNode event = Wire.object().put("type", "content_block_delta").put("index", block);
            event.putObject("delta").put("type", "input_json_delta").put("partial_json", arguments);
            out.accept(Wire.named("content_block_delta", event));
        }
    }

    private int openBlock(ObjectNode contentBlock, boolean text, Consumer<String> out) {
        openBlock = nextBlock++;
        openIsText = text;
        ObjectNode event = Wire.object().put("type", "content_block_start").put("index", openBlock);
        event.set("content_block", contentBlock);
        out.accept(Wire.named("content_block_start", event));
        return openBlock;
    }

    private void closeBlock(Consumer<String> out) {
        if (openBlock < 0) {
            return;
        }
        out.accept(Wire.named("content_block_stop", Wire.object().put("type", "content_block_stop")
                .put("index", openBlock)));
        openBlock = -1;
    }

    private void stop(Consumer<String> out) {
        if (!started) {
            return;
        }
        stopped = true;
        closeBlock(out);
        ObjectNode delta = Wire.object().put("type", "message_delta");
        delta.putObject("delta").put("stop_reason", refusal ? "refusal" : StopReasons.toStopReason(finishReason))
                .putNull("stop_sequence");
        delta.set("usage", ChatToMessagesAnswer.usage(usage));
        out.accept(Wire.named("message_delta", delta));
        out.accept(Wire.named("message_stop", Wire.object().put("type", "message_stop")));
    }

    @Override
    public void onEnd(Consumer<String> out) {
        // Servers that omit [DONE] still end a finished answer properly; a cut one stays cut.
        if (!stopped && finishReason != null) {
            stop(out);
        }
    }
}
