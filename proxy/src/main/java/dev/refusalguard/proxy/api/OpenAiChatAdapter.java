package dev.refusalguard.proxy.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.refusalguard.proxy.detect.RefusalSignal;
import dev.refusalguard.proxy.sse.SseEvent;

import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** OpenAI Chat Completions ({@code POST /v1/chat/completions}), including OpenAI-compatible servers. */
public final class OpenAiChatAdapter implements ApiAdapter {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Strict about duplicate names, as the receiver's tree reader is (see {@link RequestJson#STRICT}). */
    private static final ObjectMapper REQUEST_JSON = RequestJson.STRICT;

    @Override
    public Api api() {
        return Api.OPENAI_CHAT;
    }

    @Override
    public ParsedRequest parse(JsonNode body) throws ApiRequestException {
        if (!(body instanceof ObjectNode)) {
            throw new ApiRequestException(400, "invalid_request_body", "The request body must be a JSON object.");
        }
        JsonNode model = body.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw ApiRequestException.requiredString(Api.OPENAI_CHAT, "model", model);
        }
        JsonNode messages = body.get("messages");
        if (messages == null || messages.isNull()) {
            throw new ApiRequestException(400, "missing_required_parameter",
                    "Missing required parameter: 'messages'.", "messages");
        }
        if (!messages.isArray()) {
            throw ApiRequestException.wrongType(Api.OPENAI_CHAT, "messages", messages, "an array", "list");
        }
        String lastUser = "";
        List<String> contextTexts = new ArrayList<>();
        StringBuilder system = new StringBuilder();
        for (JsonNode m : messages) {
            String role = m.path("role").asText("");
            if (role.equals("user")) {
                if (!lastUser.isEmpty()) {
                    contextTexts.add(lastUser);
                }
                lastUser = textOf(m.get("content"));
            } else if (role.equals("system") || role.equals("developer")) {
                if (!system.isEmpty()) {
                    system.append('\n');
                }
                system.append(textOf(m.get("content")));
            } else {
                addContext(contextTexts, textOf(m.get("content")));
            }
        }
        return new ParsedRequest(model.asText(), ApiRequestException.streamFlag(Api.OPENAI_CHAT, body), lastUser,
                system.toString(), contextTexts);
    }

    /**
     * The request read with a streaming parser (the request's tree was the event loop's largest JSON cost, and an
     * untranslated first attempt forwards the original bytes anyway): keeps the last {@code model}, {@code stream}
     * and {@code messages} fields, as the tree does for duplicate keys, and skips the rest. Gives exactly what
     * {@link #parse} gives for the tree, or null for any request {@link #parse} would refuse or that is not
     * readable JSON, so every error answer still comes from the tree.
     */
    @Override
    public ParsedRequest parseBytes(byte[] body) {
        // A skipped string is not checked against the parser's string-length limit, which the tree enforces: a body
        // that could hold a string over it is left to the tree.
        if (body.length > REQUEST_JSON.getFactory().streamReadConstraints().getMaxStringLength()) {
            return null;
        }
        Request r = new Request();
        try (JsonParser p = REQUEST_JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                t = p.nextToken();
                switch (name) {
                    case "model" -> r.model = t == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "stream" -> {
                        r.streamValid = t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE
                                || t == JsonToken.VALUE_NULL;
                        r.stream = t == JsonToken.VALUE_TRUE;
                    }
                    case "messages" -> {
                        r.messages = t == JsonToken.START_ARRAY;
                        r.lastUser = "";
                        r.contextTexts.clear();
                        r.system.setLength(0);
                        if (r.messages) {
                            readMessages(p, r);
                            continue;
                        }
                    }
                    default -> { }
                }
                p.skipChildren();
            }
            expectEndOfObject(t);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (r.model == null || r.model.isBlank() || !r.messages || !r.streamValid) {
            return null;
        }
        return new ParsedRequest(r.model, r.stream, r.lastUser, r.system.toString(), r.contextTexts);
    }

    /** An assistant, tool or other non-user turn's text, for the intent gate (see {@link ParsedRequest}). */
    private static void addContext(List<String> context, String text) {
        if (!text.isEmpty()) {
            context.add(text);
        }
    }

    /** What the streaming reader keeps of a request; the defaults are those of a missing field. */
    private static final class Request {
        String model;
        boolean stream;
        boolean streamValid = true;
        boolean messages;
        String lastUser = "";
        final List<String> contextTexts = new ArrayList<>();
        final StringBuilder system = new StringBuilder();
    }

    /** The messages array, its START_ARRAY current: the same walk as {@link #parse}'s over the tree. */
    private static void readMessages(JsonParser p, Request r) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new EOFException("unterminated array");
            }
            if (t != JsonToken.START_OBJECT) {
                // A message that is no object has no role (the tree's path() gives "").
                p.skipChildren();
                continue;
            }
            String role = "";
            String content = "";
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                t = p.nextToken();
                if ("role".equals(name)) {
                    // A role of another type never reads as user, system or developer in the tree either.
                    role = t == JsonToken.VALUE_STRING ? p.getText() : "";
                    p.skipChildren();
                } else if ("content".equals(name)) {
                    if (t == JsonToken.VALUE_STRING) {
                        content = p.getText();
                    } else if (t == JsonToken.START_ARRAY) {
                        // Content parts: read as a tree and joined as textOf() joins them.
                        content = textOf(p.readValueAsTree());
                    } else {
                        content = "";
                        p.skipChildren();
                    }
                } else {
                    p.skipChildren();
                }
            }
            expectEndOfObject(t);
            if (role.equals("user")) {
                if (!r.lastUser.isEmpty()) {
                    r.contextTexts.add(r.lastUser);
                }
                r.lastUser = content;
            } else if (role.equals("system") || role.equals("developer")) {
                if (!r.system.isEmpty()) {
                    r.system.append('\n');
                }
                r.system.append(content);
            } else {
                addContext(r.contextTexts, content);
            }
        }
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
            if (m instanceof ObjectNode msg && "user".equals(m.path("role").asText())) {
                return rewriteContent(msg, "content", rewrite) ? copy : null;
            }
        }
        return null;
    }

    /** Rewrites a string content or the text parts of a content-part array; false when there was no text. */
    static boolean rewriteContent(ObjectNode holder, String field, UnaryOperator<String> rewrite) {
        JsonNode content = holder.get(field);
        if (content != null && content.isTextual()) {
            holder.set(field, TextNode.valueOf(rewrite.apply(content.asText())));
            return true;
        }
        boolean any = false;
        if (content instanceof ArrayNode parts) {
            for (JsonNode part : parts) {
                if (part instanceof ObjectNode p && p.path("text").isTextual()) {
                    p.put("text", rewrite.apply(p.get("text").asText()));
                    any = true;
                }
            }
        }
        return any;
    }

    @Override
    public ObjectNode addSystemContext(ObjectNode body, String block) {
        ObjectNode copy = body.deepCopy();
        ArrayNode messages = copy.withArray("messages");
        int insertAt = 0;
        for (int i = 0; i < messages.size(); i++) {
            String role = messages.get(i).path("role").asText("");
            if (role.equals("system") || role.equals("developer")) {
                insertAt = i + 1;
            }
        }
        ObjectNode system = JSON.createObjectNode();
        system.put("role", "system");
        system.put("content", block);
        messages.insert(insertAt, system);
        return copy;
    }

    @Override
    public AnswerInspection inspect(int status, JsonNode body) {
        if (status != 200) {
            return PolicyErrors.inspectError(status, body);
        }
        JsonNode choice = body == null ? null : body.path("choices").path(0);
        if (choice == null || choice.isMissingNode()) {
            return new AnswerInspection("", null, false, null);
        }
        JsonNode message = choice.path("message");
        String finish = choice.path("finish_reason").isTextual() ? choice.get("finish_reason").asText() : null;
        boolean toolCall = message.path("tool_calls").isArray() && !message.path("tool_calls").isEmpty()
                || message.path("function_call").isObject() || "tool_calls".equals(finish);
        String refusal = message.path("refusal").isTextual() ? message.get("refusal").asText() : null;
        return answer(textOf(message.get("content")), refusal, toolCall, finish);
    }

    /** choices[0] as read by either reader: a non-blank refusal field, then a content filter, are provider signals. */
    private static AnswerInspection answer(String text, String refusal, boolean toolCall, String finish) {
        if (refusal != null && !refusal.isBlank()) {
            return new AnswerInspection(refusal, RefusalSignal.REFUSAL_FIELD, toolCall, finish);
        }
        if ("content_filter".equals(finish)) {
            return new AnswerInspection(text, RefusalSignal.CONTENT_FILTER, toolCall, finish);
        }
        return new AnswerInspection(text, null, toolCall, finish);
    }

    /**
     * A 200 answer read with a streaming parser (the tree of a 900-character answer was the event loop's largest
     * single cost): keeps choices[0]'s {@code finish_reason} and its message's {@code content}, {@code refusal},
     * {@code tool_calls} and {@code function_call}, skips the rest, and gives exactly what {@link #inspect} gives
     * for the tree: the last of duplicate keys wins; null (as for another status) when the body is not a readable JSON
     * object, which the caller treats as a broken upstream.
     */
    @Override
    public AnswerInspection inspectBytes(int status, io.netty.buffer.ByteBuf body) {
        if (status != 200) {
            return null;
        }
        if (!body.isReadable()) {
            return null;
        }
        Completion c = new Completion();
        try (JsonParser p = JSON.createParser(
                (java.io.InputStream) new io.netty.buffer.ByteBufInputStream(body.duplicate()))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                // Not an object (or nothing): left to the caller, which answers a 200 like that as a broken upstream.
                return null;
            }
            readRoot(p, c);
        } catch (IOException | RuntimeException e) {
            // Unreadable JSON: the same as a body that is no object.
            return null;
        }
        if (!c.choice) {
            return new AnswerInspection("", null, false, null);
        }
        boolean toolCall = c.toolCallsNonEmpty || c.functionCallObject || "tool_calls".equals(c.finish);
        return answer(c.content, c.refusal, toolCall, c.finish);
    }

    /** What the streaming reader keeps of a chat completion; the defaults are those of a missing field. */
    private static final class Completion {
        boolean choice;
        String finish;
        boolean toolCallsNonEmpty;
        boolean functionCallObject;
        String refusal;
        String content = "";

        void resetChoice() {
            choice = false;
            finish = null;
            resetMessage();
        }

        void resetMessage() {
            toolCallsNonEmpty = false;
            functionCallObject = false;
            refusal = null;
            content = "";
        }
    }

    private static void readRoot(JsonParser p, Completion c) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            t = p.nextToken();
            if ("choices".equals(name)) {
                c.resetChoice();
                if (t == JsonToken.START_ARRAY) {
                    readChoices(p, c);
                } else {
                    p.skipChildren();
                }
            } else {
                p.skipChildren();
            }
        }
        expectEndOfObject(t);
    }

    private static void readChoices(JsonParser p, Completion c) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.END_ARRAY) {
            return;
        }
        if (t == null) {
            throw new EOFException("unterminated array");
        }
        c.choice = true;
        if (t == JsonToken.START_OBJECT) {
            readChoice(p, c);
        } else {
            p.skipChildren();
        }
        readToEndOfArray(p);
    }

    private static void readChoice(JsonParser p, Completion c) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            t = p.nextToken();
            if ("message".equals(name)) {
                c.resetMessage();
                if (t == JsonToken.START_OBJECT) {
                    readMessage(p, c);
                } else {
                    p.skipChildren();
                }
            } else if ("finish_reason".equals(name)) {
                c.finish = t == JsonToken.VALUE_STRING ? p.getText() : null;
                p.skipChildren();
            } else {
                p.skipChildren();
            }
        }
        expectEndOfObject(t);
    }

    private static void readMessage(JsonParser p, Completion c) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            t = p.nextToken();
            switch (name) {
                case "content" -> {
                    if (t == JsonToken.VALUE_STRING) {
                        c.content = p.getText();
                    } else if (t == JsonToken.START_ARRAY
                            || t == JsonToken.START_OBJECT) {
                        // Content parts: rare, read as a tree and joined as inspect() joins them.
                        c.content = textOf(p.readValueAsTree());
                    } else {
                        c.content = "";
                    }
                }
                case "refusal" -> {
                    c.refusal = t == JsonToken.VALUE_STRING ? p.getText() : null;
                    p.skipChildren();
                }
                case "tool_calls" -> {
                    c.toolCallsNonEmpty = false;
                    if (t != JsonToken.START_ARRAY) {
                        p.skipChildren();
                    } else if (p.nextToken() != JsonToken.END_ARRAY) {
                        // The first element's token is current: skip it and the rest of the array.
                        c.toolCallsNonEmpty = true;
                        p.skipChildren();
                        readToEndOfArray(p);
                    }
                }
                case "function_call" -> {
                    c.functionCallObject = t == JsonToken.START_OBJECT;
                    p.skipChildren();
                }
                default -> p.skipChildren();
            }
        }
        expectEndOfObject(t);
    }

    /** The token after an object's last field must close it; anything else (end of input) is a cut document. */
    private static void expectEndOfObject(JsonToken t) throws EOFException {
        if (t != JsonToken.END_OBJECT) {
            throw new EOFException("unterminated object");
        }
    }

    private static void readToEndOfArray(JsonParser p) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new EOFException("unterminated array");
            }
            p.skipChildren();
        }
    }

    @Override
    public StreamInspector newStreamInspector(int maxChars) {
        return new ChatStreamInspector(maxChars);
    }

    /** Text of a string content or of the text parts of a content-part array. */
    static String textOf(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder sb = new StringBuilder();
        if (content.isArray()) {
            for (JsonNode part : content) {
                if (part.path("text").isTextual()) {
                    if (!sb.isEmpty()) {
                        sb.append('\n');
                    }
                    sb.append(part.get("text").asText());
                }
            }
        }
        return sb.toString();
    }

    /** chat.completion.chunk events: delta.content, delta.refusal, delta.tool_calls, finish_reason, [DONE]. */
    private static final class ChatStreamInspector extends TextAccumulator implements StreamInspector {

        ChatStreamInspector(int maxChars) {
            super(maxChars);
        }

        @Override
        public void onEvent(SseEvent event) {
            String data = event.data();
            if (data == null || data.isEmpty()) {
                return;
            }
            if (data.equals("[DONE]")) {
                markFinished();
                return;
            }
            JsonNode chunk;
            try {
                chunk = JSON.readTree(data);
            } catch (Exception e) {
                return;
            }
            if (chunk.has("error")) {
                if (PolicyErrors.isPolicyError(400, chunk)) {
                    setSignal(RefusalSignal.POLICY_ERROR);
                }
                append(chunk.path("error").path("message").asText(""));
                markFinished();
                return;
            }
            for (JsonNode choice : chunk.path("choices")) {
                JsonNode delta = choice.path("delta");
                if (delta.path("content").isTextual()) {
                    append(delta.get("content").asText());
                }
                if (delta.path("refusal").isTextual()) {
                    setSignal(RefusalSignal.REFUSAL_FIELD);
                    append(delta.get("refusal").asText());
                }
                if (delta.path("tool_calls").isArray() || delta.path("function_call").isObject()) {
                    markToolCall();
                }
                JsonNode finish = choice.path("finish_reason");
                if (finish.isTextual()) {
                    setFinishReason(finish.asText());
                    if (finish.asText().equals("content_filter")) {
                        setSignal(RefusalSignal.CONTENT_FILTER);
                    } else if (finish.asText().equals("tool_calls")) {
                        markToolCall();
                    }
                }
            }
        }
    }
}
