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
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * OpenAI Responses ({@code POST /v1/responses}): {@code input} as a string or items (message items whose content is
 * a string or input_text parts), {@code instructions} for system context, output items with output_text and
 * refusal content parts, and its typed SSE events.
 */
public final class OpenAiResponsesAdapter implements ApiAdapter {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Output item types that hand control back to the agent (a call it must execute): never refusals. */
    static final Set<String> AGENT_CALL_ITEMS = Set.of("function_call", "custom_tool_call", "computer_call",
            "local_shell_call", "shell_call", "apply_patch_call", "mcp_approval_request");

    @Override
    public Api api() {
        return Api.OPENAI_RESPONSES;
    }

    @Override
    public ParsedRequest parse(JsonNode body) throws ApiRequestException {
        if (!(body instanceof ObjectNode)) {
            throw new ApiRequestException(400, "invalid_request_body", "The request body must be a JSON object.");
        }
        JsonNode model = body.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw ApiRequestException.requiredString(Api.OPENAI_RESPONSES, "model", model);
        }
        // Optional in the Responses API (a stored prompt or a previous response can stand in for it): without it
        // there is no user text to judge or rewrite, and the request passes as it is.
        JsonNode input = body.path("input");
        if (!(input.isMissingNode() || input.isNull() || input.isTextual() || input.isArray())) {
            throw ApiRequestException.wrongType(Api.OPENAI_RESPONSES, "input", input,
                    "a string or an array of input items", "list");
        }
        StringBuilder system = new StringBuilder(body.path("instructions").asText(""));
        String lastUser = input.isTextual() ? input.asText() : "";
        List<String> contextTexts = new ArrayList<>();
        for (JsonNode item : input) {
            if (!isMessage(item)) {
                // A tool's result the client sends back (function_call_output, custom_tool_call_output...).
                JsonNode output = item.get("output");
                String text = output == null ? "" : output.isTextual() ? output.asText() : textOf(output);
                if (!text.isEmpty()) {
                    contextTexts.add(text);
                }
                continue;
            }
            String role = item.path("role").asText("");
            String text = textOf(item.get("content"));
            if (role.equals("user") && !text.isEmpty()) {
                if (!lastUser.isEmpty()) {
                    contextTexts.add(lastUser);
                }
                lastUser = text;
            } else if (role.equals("system") || role.equals("developer")) {
                if (!system.isEmpty()) {
                    system.append('\n');
                }
                system.append(text);
            } else if (!text.isEmpty()) {
                contextTexts.add(text);
            }
        }
        return new ParsedRequest(model.asText(), ApiRequestException.streamFlag(Api.OPENAI_RESPONSES, body), lastUser,
                system.toString(), contextTexts);
    }

    private static boolean isMessage(JsonNode item) {
        return item.path("type").asText("message").equals("message") && item.has("role");
    }

    @Override
    public ObjectNode rewriteLastUserText(ObjectNode body, UnaryOperator<String> rewrite) {
        ObjectNode copy = body.deepCopy();
        JsonNode input = copy.get("input");
        if (input != null && input.isTextual()) {
            copy.put("input", rewrite.apply(input.asText()));
            return copy;
        }
        if (!(input instanceof ArrayNode items)) {
            return null;
        }
        for (int i = items.size() - 1; i >= 0; i--) {
            JsonNode item = items.get(i);
            if (item instanceof ObjectNode msg && isMessage(item) && "user".equals(item.path("role").asText())
                    && !textOf(item.get("content")).isEmpty()) {
                return rewriteInputText(msg, rewrite) ? copy : null;
            }
        }
        return null;
    }

    private static boolean rewriteInputText(ObjectNode message, UnaryOperator<String> rewrite) {
        JsonNode content = message.get("content");
        if (content.isTextual()) {
            message.set("content", TextNode.valueOf(rewrite.apply(content.asText())));
            return true;
        }
        boolean any = false;
        for (JsonNode part : content) {
            if (part instanceof ObjectNode p && isTextPart(p)) {
                p.put("text", rewrite.apply(p.get("text").asText()));
                any = true;
            }
        }
        return any;
    }

    private static boolean isTextPart(JsonNode part) {
        String type = part.path("type").asText("input_text");
        return (type.equals("input_text") || type.equals("text")) && part.path("text").isTextual();
    }

    @Override
    public ObjectNode addSystemContext(ObjectNode body, String block) {
        ObjectNode copy = body.deepCopy();
        String existing = copy.path("instructions").asText("");
        copy.put("instructions", existing.isEmpty() ? block : existing + "\n\n" + block);
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
        StringBuilder text = new StringBuilder();
        RefusalSignal signal = null;
        boolean toolCall = false;
        for (JsonNode item : body.path("output")) {
            String type = item.path("type").asText();
            if (AGENT_CALL_ITEMS.contains(type)) {
                toolCall = true;
            } else if (type.equals("message")) {
                for (JsonNode part : item.path("content")) {
                    String partType = part.path("type").asText();
                    if (partType.equals("refusal")) {
                        signal = RefusalSignal.REFUSAL_FIELD;
                        appendLine(text, part.path("refusal").asText(""));
                    } else if (partType.equals("output_text")) {
                        appendLine(text, part.path("text").asText(""));
                    }
                }
            }
        }
        String responseStatus = body.path("status").asText(null);
        if (signal == null && isContentFilter(body)) {
            signal = RefusalSignal.CONTENT_FILTER;
        }
        if (signal == null && "failed".equals(responseStatus) && PolicyErrors.isPolicyError(400, body)) {
            signal = RefusalSignal.POLICY_ERROR;
        }
        return new AnswerInspection(text.toString(), signal, toolCall, responseStatus);
    }

    static boolean isContentFilter(JsonNode response) {
        return "content_filter".equals(response.path("incomplete_details").path("reason").asText());
    }

    private static void appendLine(StringBuilder sb, String s) {
        if (!sb.isEmpty() && !s.isEmpty()) {
            sb.append('\n');
        }
        sb.append(s);
    }

    @Override
    public StreamInspector newStreamInspector(int maxChars) {
        return new ResponsesStreamInspector(maxChars);
    }

    /** Text of a string content or of its input_text / output_text parts. */
    static String textOf(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : content) {
            String type = part.path("type").asText("input_text");
            if ((type.equals("input_text") || type.equals("output_text") || type.equals("text"))
                    && part.path("text").isTextual()) {
                appendLine(sb, part.get("text").asText());
            }
        }
        return sb.toString();
    }

    /**
     * response.output_text.delta, response.refusal.delta, response.output_item.added (calls),
     * response.function_call_arguments.delta, response.completed / incomplete / failed, error.
     */
    private static final class ResponsesStreamInspector extends TextAccumulator implements StreamInspector {

        ResponsesStreamInspector(int maxChars) {
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
                case "response.output_text.delta" -> append(payload.path("delta").asText(""));
                case "response.refusal.delta" -> {
                    setSignal(RefusalSignal.REFUSAL_FIELD);
                    append(payload.path("delta").asText(""));
                }
                case "response.output_item.added", "response.output_item.done" -> {
                    if (AGENT_CALL_ITEMS.contains(payload.path("item").path("type").asText())) {
                        markToolCall();
                    }
                }
                case "response.function_call_arguments.delta", "response.custom_tool_call_input.delta" ->
                        markToolCall();
                case "response.completed" -> {
                    setFinishReason("completed");
                    markFinished();
                }
                case "response.incomplete" -> {
                    setFinishReason("incomplete");
                    if (isContentFilter(payload.path("response"))) {
                        setSignal(RefusalSignal.CONTENT_FILTER);
                    }
                    markFinished();
                }
                case "response.failed" -> {
                    setFinishReason("failed");
                    JsonNode response = payload.path("response");
                    if (PolicyErrors.isPolicyError(400, response)) {
                        setSignal(RefusalSignal.POLICY_ERROR);
                    }
                    append(response.path("error").path("message").asText(""));
                    markFinished();
                }
                case "error" -> {
                    ObjectNode wrapped = JSON.createObjectNode();
                    wrapped.set("error", payload);
                    if (PolicyErrors.isPolicyError(400, wrapped)) {
                        setSignal(RefusalSignal.POLICY_ERROR);
                    }
                    append(payload.path("message").asText(""));
                    markFinished();
                }
                default -> {
                    // created, in_progress, content_part.*, *.done: nothing new to read
                }
            }
        }
    }
}
