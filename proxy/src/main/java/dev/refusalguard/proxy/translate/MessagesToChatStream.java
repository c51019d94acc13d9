package dev.refusalguard.proxy.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refusalguard.proxy.sse.SseEvent;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Anthropic stream events as {@code chat.completion.chunk} events: message_start opens with the assistant role,
 * text_delta becomes content, a tool_use block and its input_json_delta pieces become tool_calls deltas,
 * message_delta becomes the finish chunk, message_stop becomes the usage chunk (only if the agent asked for
 * {@code stream_options.include_usage}) and {@code [DONE]}; ping and thinking deltas are dropped; an error event
 * becomes an OpenAI error chunk.
 */
final class MessagesToChatStream implements StreamTranslator {

    private final boolean includeUsage;
    private final long created = System.currentTimeMillis() / 1000;
    private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();
    private String id = "chatcmpl-proxy";
    private String model = "";
    private JsonNode usage = Wire.object();
    private int inputTokens;
    private boolean done;

    MessagesToChatStream(boolean includeUsage) {
        this.includeUsage = includeUsage;
    }

    @Override
    public void onEvent(SseEvent event, Consumer<String> out) {
        JsonNode payload = Wire.parse(event.data());
        if (payload == null || done) {
            return;
        }
        switch (payload.path("type").asText("")) {
            case "message_start" -> {
                JsonNode message = payload.path("message");
                id = "chatcmpl-" + message.path("id").asText("");
                model = message.path("model").asText("");
                inputTokens = message.path("usage").path("input_tokens").asInt(0)
                        + message.path("usage").path("cache_creation_input_tokens").asInt(0)
                        + message.path("usage").path("cache_read_input_tokens").asInt(0);
                out.accept(chunk(Wire.object().put("role", "assistant").put("content", ""), null));
            }
            case "content_block_start" -> blockStart(payload, out);
            case "content_block_delta" -> blockDelta(payload, out);
            case "message_delta" -> {
                usage = payload.path("usage");
                String stop = payload.path("delta").path("stop_reason").asText(null);
                out.accept(chunk(Wire.object(), StopReasons.toFinishReason(stop == null ? "end_turn" : stop)));
            }
            case "message_stop" -> finish(out);
            case "error" -> {
                done = true;
                JsonNode error = payload.path("error");
                ObjectNode body = Wire.object();
                body.putObject("error").put("message", error.path("message").asText(""))
                        .put("type", error.path("type").asText("api_error")).putNull("param").putNull("code");
                out.accept(Wire.data(body.toString()));
            }
            default -> {
                // ping, content_block_stop
            }
        }
    }

    private void blockStart(JsonNode payload, Consumer<String> out) {
        JsonNode block = payload.path("content_block");
        String type = block.path("type").asText();
        if (type.equals("tool_use")) {
            int toolIndex = toolIndexByBlock.size();
            toolIndexByBlock.put(payload.path("index").asInt(), toolIndex);
            ObjectNode call = Wire.object().put("index", toolIndex).put("id", block.path("id").asText())
                    .put("type", "function");
            call.putObject("function").put("name", block.path("name").asText()).put("arguments", "");
            ObjectNode delta = Wire.object();
            delta.putArray("tool_calls").add(call);
            out.accept(chunk(delta, null));
        } else if (type.equals("text") && !block.path("text").asText("").isEmpty()) {
            out.accept(chunk(Wire.object().put("content", block.get("text").asText()), null));
        }
    }

    private void blockDelta(JsonNode payload, Consumer<String> out) {
        JsonNode delta = payload.path("delta");
        String type = delta.path("type").asText();
        if (type.equals("text_delta")) {
            out.accept(chunk(Wire.object().put("content", delta.path("text").asText("")), null));
        } else if (type.equals("input_json_delta")) {
            Integer toolIndex = toolIndexByBlock.get(payload.path("index").asInt());
            if (toolIndex == null) {
                return;
            }
            ObjectNode call = Wire.object().put("index", toolIndex);
            call.putObject("function").put("arguments", delta.path("partial_json").asText(""));
            ObjectNode d = Wire.object();
            d.putArray("tool_calls").add(call);
            out.accept(chunk(d, null));
        }
    }

    private void finish(Consumer<String> out) {
        done = true;
        if (includeUsage) {
            ObjectNode chunk = head();
            chunk.putArray("choices");
            ObjectNode u = MessagesToChatAnswer.usage(usage);
            int completion = u.path("completion_tokens").asInt();
            chunk.set("usage", u.put("prompt_tokens", inputTokens).put("total_tokens", inputTokens + completion));
            out.accept(Wire.data(chunk.toString()));
        }
        out.accept(Wire.data("[DONE]"));
    }

    @Override
    public void onEnd(Consumer<String> out) {
        // A stream cut before message_stop stays cut: the agent must see it incomplete, not a made-up ending.
    }

    private ObjectNode head() {
        return Wire.object().put("id", id).put("object", "chat.completion.chunk").put("created", created)
                .put("model", model);
    }

    private String chunk(ObjectNode delta, String finishReason) {
        ObjectNode chunk = head();
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return Wire.data(chunk.toString());
    }
}
