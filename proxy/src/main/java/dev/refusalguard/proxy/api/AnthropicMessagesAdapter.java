package dev.refusalguard.proxy.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.refusalguard.proxy.detect.RefusalSignal;
import dev.refusalguard.proxy.sse.SseEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Anthropic Messages ({@code POST /v1/messages}): {@code system} as a string or text blocks, message content as a
 * string or blocks (text, image, tool_use, tool_result...), {@code stop_reason} including {@code "refusal"}.
 * The "last user text" is the text of the last user turn that has any (a turn holding only tool results is an
 * agent loop step, not the human request).
 */
public final class AnthropicMessagesAdapter implements ApiAdapter {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Api api() {
        return Api.ANTHROPIC_MESSAGES;
    }

    @Override
    public ParsedRequest parse(JsonNode body) throws ApiRequestException {
        if (!(body instanceof ObjectNode)) {
            throw new ApiRequestException(400, "invalid_request_error", "The request body must be a JSON object.");
        }
        JsonNode model = body.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw ApiRequestException.requiredString(Api.ANTHROPIC_MESSAGES, "model", model);
        }
        JsonNode messages = body.get("messages");
        if (messages == null || messages.isNull()) {
            throw new ApiRequestException(400, "invalid_request_error", "messages: Field required");
        }
        if (!messages.isArray()) {
            throw ApiRequestException.wrongType(Api.ANTHROPIC_MESSAGES, "messages", messages, "an array", "list");
        }
        String lastUser = "";
        List<String> contextTexts = new ArrayList<>();
        for (JsonNode m : messages) {
            JsonNode content = m.get("content");
            if ("user".equals(m.path("role").asText())) {
                String text = textOf(content);
                if (!text.isEmpty()) {
                    if (!lastUser.isEmpty()) {
                        contextTexts.add(lastUser);
                    }
                    lastUser = text;
                }
            } else {
                addIfPresent(contextTexts, textOf(content));
            }
            addIfPresent(contextTexts, toolResultsOf(content));
        }
        return new ParsedRequest(model.asText(), ApiRequestException.streamFlag(Api.ANTHROPIC_MESSAGES, body), lastUser,
                textOf(body.get("system")), contextTexts);
    }

    @Override
    public ObjectNode rewriteLastUserText(ObjectNode body, UnaryOperator<String> rewrite) {
        ObjectNode copy = body.deepCopy();
        JsonNode messages = copy.get("messages");
        if (messages == null || !messages.isArray()) {
            return null;
        }
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode m = messages.get(i);
            if (m instanceof ObjectNode msg && "user".equals(m.path("role").asText())
                    && !textOf(m.get("content")).isEmpty()) {
                return rewriteTextBlocks(msg, rewrite) ? copy : null;
            }
        }
        return null;
    }

    private static boolean rewriteTextBlocks(ObjectNode message, UnaryOperator<String> rewrite) {
        JsonNode content = message.get("content");
        if (content != null && content.isTextual()) {
            message.set("content", TextNode.valueOf(rewrite.apply(content.asText())));
            return true;
        }
        boolean any = false;
        for (JsonNode block : content) {
            if (block instanceof ObjectNode b && "text".equals(b.path("type").asText()) && b.path("text").isTextual()) {
                b.put("text", rewrite.apply(b.get("text").asText()));
                any = true;
            }
        }
        return any;
    }

    @Override
    public ObjectNode addSystemContext(ObjectNode body, String block) {
        ObjectNode copy = body.deepCopy();
        JsonNode system = copy.get("system");
        if (system instanceof ArrayNode blocks) {
            blocks.addObject().put("type", "text").put("text", block);
        } else if (system != null && system.isTextual() && !system.asText().isEmpty()) {
            copy.put("system", system.asText() + "\n\n" + block);
        } else {
            copy.put("system", block);
        }
        return copy;
    }

    @Override
    public AnswerInspection inspect(int status, JsonNode body) {
        if (status != 200) {
            return PolicyErrors.inspectError(status, body);
        }
        if (body == null) {
            return new AnswerInspection("", null, false, null);
        }
        String stop = body.path("stop_reason").isTextual() ? body.get("stop_reason").asText() : null;
        boolean toolCall = "tool_use".equals(stop);
        for (JsonNode block : body.path("content")) {
            if ("tool_use".equals(block.path("type").asText())) {
                toolCall = true;
            }
        }
        String text = textOf(body.get("content"));
        RefusalSignal signal = "refusal".equals(stop) ? RefusalSignal.STOP_REASON_REFUSAL : null;
        return new AnswerInspection(text, signal, toolCall, stop);
    }

    @Override
    public StreamInspector newStreamInspector(int maxChars) {
        return new MessagesStreamInspector(maxChars);
    }

    /** Text of a string or of the {@code text} blocks of a block array (other block types ignored). */
    private static void addIfPresent(List<String> texts, String text) {
        if (!text.isEmpty()) {
            texts.add(text);
        }
    }

    /** The text of a message's {@code tool_result} blocks (a string, or text blocks), "" when none. */
    static String toolResultsOf(JsonNode content) {
        if (content == null || !content.isArray()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode block : content) {
            if ("tool_result".equals(block.path("type").asText())) {
                String text = textOf(block.get("content"));
                if (!text.isEmpty()) {
                    if (!sb.isEmpty()) {
                        sb.append('\n');
                    }
                    sb.append(text);
                }
            }
        }
        return sb.toString();
    }

    static String textOf(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode block : content) {
            if ("text".equals(block.path("type").asText()) && block.path("text").isTextual()) {
                if (!sb.isEmpty()) {
                    sb.append('\n');
                }
                sb.append(block.get("text").asText());
            }
        }
        return sb.toString();
    }

    /**
     * message_start, content_block_start / delta (text_delta, input_json_delta...) / stop, message_delta with the
     * stop_reason, message_stop, ping, error.
     */
    private static final class MessagesStreamInspector extends TextAccumulator implements StreamInspector {

        MessagesStreamInspector(int maxChars) {
            super(maxChars);
        }

        @Override
        public void onEvent(SseEvent event) {
            String data = event.data();
            if (data == null || data.isEmpty()) {
                return;
            }
            JsonNode payload;
            try {
                payload = JSON.readTree(data);
            } catch (Exception e) {
                return;
            }
            String type = payload.path("type").asText(event.event() == null ? "" : event.event());
            switch (type) {
                case "content_block_start" -> {
                    JsonNode block = payload.path("content_block");
                    if ("tool_use".equals(block.path("type").asText())) {
                        markToolCall();
                    } else if (block.path("text").isTextual()) {
                        append(block.get("text").asText());
                    }
                }
                case "content_block_delta" -> {
                    JsonNode delta = payload.path("delta");
                    String kind = delta.path("type").asText();
                    if (kind.equals("text_delta")) {
                        append(delta.path("text").asText(""));
                    } else if (kind.equals("input_json_delta")) {
                        markToolCall();
                    }
                }
                case "message_delta" -> {
                    JsonNode stop = payload.path("delta").path("stop_reason");
                    if (stop.isTextual()) {
                        setFinishReason(stop.asText());
                        if (stop.asText().equals("refusal")) {
                            setSignal(RefusalSignal.STOP_REASON_REFUSAL);
                        } else if (stop.asText().equals("tool_use")) {
                            markToolCall();
                        }
                    }
                }
                case "message_stop" -> markFinished();
                case "error" -> {
                    if (PolicyErrors.isPolicyError(400, payload)) {
                        setSignal(RefusalSignal.POLICY_ERROR);
                    }
                    append(payload.path("error").path("message").asText(""));
                    markFinished();
                }
                default -> {
                    // message_start, content_block_stop, ping: nothing to read
                }
            }
        }
    }
}
