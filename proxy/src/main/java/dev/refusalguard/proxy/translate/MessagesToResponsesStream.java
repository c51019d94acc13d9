package dev.refusalguard.proxy.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refusalguard.proxy.sse.SseEvent;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Anthropic stream events as OpenAI Responses stream events, each with its {@code sequence_number}:
 * message_start opens with response.created and response.in_progress; a text block becomes a message item
 * (output_item.added, content_part.added, output_text.delta per text_delta, then output_text.done,
 * content_part.done, output_item.done at content_block_stop); a tool_use block becomes a function_call item
 * (function_call_arguments.delta per input_json_delta, then .done); message_delta supplies stop_reason and output
 * tokens; message_stop ends with response.completed, or response.incomplete for a refusal (reason content_filter)
 * or max_tokens; an error event becomes an {@code error} event. ping and thinking blocks are dropped; a stream cut
 * before message_stop stays cut.
 */
final class MessagesToResponsesStream implements StreamTranslator {

    /** One open output item: the Anthropic block it comes from, its place in the output and what it has so far. */
    private static final class OpenItem {
        final ObjectNode item;
        final int outputIndex;
        final boolean text;
        final StringBuilder content = new StringBuilder();

        OpenItem(ObjectNode item, int outputIndex, boolean text) {
            this.item = item;
            this.outputIndex = outputIndex;
            this.text = text;
        }

        String id() {
            return item.path("id").asText();
        }
    }

    private final long createdAt = System.currentTimeMillis() / 1000;
    private final Map<Integer, OpenItem> open = new HashMap<>();
    private final ArrayNode output = Wire.JSON.createArrayNode();
    private int sequence;
    private String messageId = "";
    private String model = "";
    private JsonNode startUsage = Wire.object();
    private int outputTokens;
    private String stopReason;
    private boolean done;

    @Override
    public void onEvent(SseEvent event, Consumer<String> out) {
        JsonNode payload = Wire.parse(event.data());
        if (payload == null || done) {
            return;
        }
        switch (payload.path("type").asText("")) {
            case "message_start" -> {
                JsonNode message = payload.path("message");
                messageId = message.path("id").asText("");
                model = message.path("model").asText("");
                startUsage = message.path("usage");
                outputTokens = startUsage.path("output_tokens").asInt(0);
                emit(out, "response.created", Wire.object().set("response", snapshot(null, null)));
                emit(out, "response.in_progress", Wire.object().set("response", snapshot(null, null)));
            }
            case "content_block_start" -> blockStart(payload, out);
            case "content_block_delta" -> blockDelta(payload, out);
            case "content_block_stop" -> blockStop(payload.path("index").asInt(), out);
            case "message_delta" -> {
                stopReason = payload.path("delta").path("stop_reason").asText(null);
                outputTokens = payload.path("usage").path("output_tokens").asInt(outputTokens);
            }
            case "message_stop" -> finish(out);
            case "error" -> {
                done = true;
                JsonNode error = payload.path("error");
                ObjectNode e = Wire.object().put("code", error.path("type").asText("api_error"))
                        .put("message", error.path("message").asText(""));
                e.putNull("param");
                emit(out, "error", e);
            }
            default -> {
                // ping
            }
        }
    }

    private void blockStart(JsonNode payload, Consumer<String> out) {
        JsonNode block = payload.path("content_block");
        int index = payload.path("index").asInt();
        String type = block.path("type").asText();
        int outputIndex = output.size() + open.size();
        if (type.equals("text")) {
            OpenItem item = new OpenItem(ResponseObjects.messageItem("msg_" + messageId + "_" + outputIndex,
                    "in_progress"), outputIndex, true);
            open.put(index, item);
            emit(out, "response.output_item.added", Wire.object().put("output_index", outputIndex)
                    .set("item", item.item.deepCopy()));
            emit(out, "response.content_part.added", located(item).set("part", ResponseObjects.textPart("")));
            String initial = block.path("text").asText("");
            if (!initial.isEmpty()) {
                textDelta(item, initial, out);
            }
        } else if (type.equals("tool_use")) {
            OpenItem item = new OpenItem(ResponseObjects.functionCallItem(block.path("id").asText(),
                    block.path("name").asText(), "", "in_progress"), outputIndex, false);
            open.put(index, item);
            emit(out, "response.output_item.added", Wire.object().put("output_index", outputIndex)
                    .set("item", item.item.deepCopy()));
        }
    }

    private void blockDelta(JsonNode payload, Consumer<String> out) {
        OpenItem item = open.get(payload.path("index").asInt());
        if (item == null) {
            return;
        }
        JsonNode delta = payload.path("delta");
        String type = delta.path("type").asText();
        if (item.text && type.equals("text_delta")) {
            textDelta(item, delta.path("text").asText(""), out);
        } else if (!item.text && type.equals("input_json_delta")) {
            String piece = delta.path("partial_json").asText("");
            item.content.append(piece);
            emit(out, "response.function_call_arguments.delta", Wire.object().put("item_id", item.id())
                    .put("output_index", item.outputIndex).put("delta", piece));
        }
    }

    private void textDelta(OpenItem item, String text, Consumer<String> out) {
        item.content.append(text);
        ObjectNode delta = located(item).put("delta", text);
        delta.putArray("logprobs");
        emit(out, "response.output_text.delta", delta);
    }

    private void blockStop(int index, Consumer<String> out) {
        OpenItem item = open.remove(index);
        if (item == null) {
            return;
        }
        ObjectNode completed = item.item;
        completed.put("status", "completed");
        if (item.text) {
            String text = item.content.toString();
            ObjectNode textDone = located(item).put("text", text);
            textDone.putArray("logprobs");
            emit(out, "response.output_text.done", textDone);
            ObjectNode part = ResponseObjects.textPart(text);
            emit(out, "response.content_part.done", located(item).set("part", part.deepCopy()));
            completed.withArray("content").add(part);
        } else {
            String arguments = item.content.isEmpty() ? "{}" : item.content.toString();
            completed.put("arguments", arguments);
            emit(out, "response.function_call_arguments.done", Wire.object().put("item_id", item.id())
                    .put("output_index", item.outputIndex).put("arguments", arguments));
        }
        output.add(completed);
        emit(out, "response.output_item.done", Wire.object().put("output_index", item.outputIndex)
                .set("item", completed.deepCopy()));
    }

    private void finish(Consumer<String> out) {
        done = true;
        String stop = stopReason == null ? "end_turn" : stopReason;
        ObjectNode response = snapshot(stop, ResponseObjects.usage(startUsage, outputTokens));
        String type = ResponseObjects.incompleteReason(stop) == null ? "response.completed" : "response.incomplete";
        emit(out, type, Wire.object().set("response", response));
    }

    @Override
    public void onEnd(Consumer<String> out) {
        // A stream cut before message_stop stays cut: the agent must see it incomplete, not a made-up ending.
    }

    private ObjectNode snapshot(String stop, ObjectNode usage) {
        return ResponseObjects.response(ResponseObjects.responseId(messageId), model, createdAt, stop,
                output.deepCopy(), usage);
    }

    private static ObjectNode located(OpenItem item) {
        return Wire.object().put("item_id", item.id()).put("output_index", item.outputIndex).put("content_index", 0);
    }

    private void emit(Consumer<String> out, String type, ObjectNode payload) {
        ObjectNode event = Wire.object().put("type", type).put("sequence_number", sequence++);
        event.setAll(payload);
        out.accept(Wire.named(type, event));
    }
}
