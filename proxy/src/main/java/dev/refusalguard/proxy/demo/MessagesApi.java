package dev.refusalguard.proxy.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Anthropic Messages ({@code POST /v1/messages}) on top of the simulated model. */
final class MessagesApi {

    static final String PATH = "/v1/messages";
    static final String VERSION_HEADER = "anthropic-version";

    private final SimulatedModel model;

    MessagesApi(SimulatedModel model) {
        this.model = model;
    }

    DemoReply handle(String body, String anthropicVersion) {
        try {
            if (anthropicVersion == null || anthropicVersion.isBlank()) {
                throw ApiRequestException.invalid(null, "anthropic-version: header is required");
            }
            return answer(body);
        } catch (ApiRequestException e) {
            return error(e);
        }
    }

    private DemoReply answer(String body) throws ApiRequestException {
        ObjectNode req = JsonBodies.parseObject(body,
                "There was an error parsing the body of your request: the body must be a JSON object.");
        String modelName = JsonBodies.requiredString(req, "model",
                ApiRequestException.missing("model", "model: Field required"));
        JsonNode maxTokens = req.get("max_tokens");
        if (maxTokens == null || maxTokens.isNull()) {
            throw ApiRequestException.missing("max_tokens", "max_tokens: Field required");
        }
        if (!maxTokens.canConvertToInt() || maxTokens.asInt() < 1) {
            throw ApiRequestException.invalid("max_tokens", "max_tokens: Input should be a positive integer");
        }
        JsonNode messages = req.get("messages");
        if (messages == null || messages.isNull()) {
            throw ApiRequestException.missing("messages", "messages: Field required");
        }
        if (!messages.isArray() || messages.isEmpty()) {
            throw ApiRequestException.invalid("messages", "messages: at least one message is required");
        }
        StringBuilder system = new StringBuilder(JsonBodies.contentText(req.get("system")));
        StringBuilder user = new StringBuilder();
        for (JsonNode m : messages) {
            String role = m.path("role").asText("");
            switch (role) {
                case "user" -> JsonBodies.appendLine(user, JsonBodies.contentText(m.get("content")));
                case "assistant" -> { }
                default -> throw ApiRequestException.invalid("messages",
                        "messages: Input tag '" + role + "' found using 'role' does not match any of the expected"
                                + " tags: 'user', 'assistant'");
            }
        }
        boolean stream = req.path("stream").asBoolean(false);
        SimulatedDecision d = model.decide(modelName, system.toString(), user.toString());
        Map<String, String> headers = new java.util.LinkedHashMap<>(ChatCompletionsApi.decisionHeaders(d));
        String hex = Long.toHexString(d.draws() & Long.MAX_VALUE);
        headers.put("request-id", "req_" + hex);
        if (d.refusal() && d.delivery() == RefusalDelivery.POLICY_ERROR) {
            return new DemoReply.Full(400, headers,
                    errorJson("invalid_request_error", "Output blocked by content filtering policy"));
        }
        boolean signal = d.refusal()
                && (d.delivery() == RefusalDelivery.PROVIDER_SIGNAL || d.delivery() == RefusalDelivery.CONTENT_FILTER);
        String text = d.refusal() && d.delivery() == RefusalDelivery.CONTENT_FILTER ? "" : d.text();
        String stopReason = signal ? "refusal" : "end_turn";
        String id = "msg_" + hex;
        int inputTokens = TextDeltas.tokens(system + " " + user);
        int outputTokens = TextDeltas.tokens(text);
        if (!stream) {
            ObjectNode msg = message(id, modelName, inputTokens, outputTokens);
            if (!text.isEmpty()) {
                msg.withArray("content").addObject().put("type", "text").put("text", text);
            }
            msg.put("stop_reason", stopReason);
            return new DemoReply.Full(200, headers, JsonBodies.write(msg));
        }
        List<SseEvent> events = new ArrayList<>();
        ObjectNode start = message(id, modelName, inputTokens, 1);
        start.putNull("stop_reason");
        events.add(event("message_start", JsonBodies.object().set("message", start)));
        if (!text.isEmpty()) {
            ObjectNode block = JsonBodies.object().put("type", "text").put("text", "");
            events.add(event("content_block_start", JsonBodies.object().put("index", 0).set("content_block", block)));
            events.add(event("ping", JsonBodies.object()));
            for (String delta : TextDeltas.split(text, model.config().deltaWords())) {
                ObjectNode dn = JsonBodies.object().put("type", "text_delta").put("text", delta);
                events.add(event("content_block_delta", JsonBodies.object().put("index", 0).set("delta", dn)));
            }
            events.add(event("content_block_stop", JsonBodies.object().put("index", 0)));
        } else {
            events.add(event("ping", JsonBodies.object()));
        }
        ObjectNode delta = JsonBodies.object().put("stop_reason", stopReason);
        delta.putNull("stop_sequence");
        ObjectNode md = JsonBodies.object();
        md.set("delta", delta);
        md.putObject("usage").put("output_tokens", outputTokens);
        events.add(event("message_delta", md));
        events.add(event("message_stop", JsonBodies.object()));
        return new DemoReply.Stream(headers, events);
    }

    private static ObjectNode message(String id, String modelName, int inputTokens, int outputTokens) {
        ObjectNode msg = JsonBodies.object().put("id", id).put("type", "message").put("role", "assistant")
                .put("model", modelName);
        msg.putArray("content");
        msg.putNull("stop_reason");
        msg.putNull("stop_sequence");
        msg.putObject("usage").put("input_tokens", inputTokens).put("output_tokens", outputTokens)
                .put("cache_creation_input_tokens", 0).put("cache_read_input_tokens", 0);
        return msg;
    }

    private static SseEvent event(String type, ObjectNode payload) {
        ObjectNode e = JsonBodies.object().put("type", type);
        e.setAll(payload);
        return new SseEvent(type, JsonBodies.write(e));
    }

    static DemoReply.Full error(ApiRequestException e) {
        String type = switch (e.kind()) {
            case NOT_FOUND -> "not_found_error";
            case TOO_LARGE -> "request_too_large";
            default -> "invalid_request_error";
        };
        return new DemoReply.Full(e.status(), Map.of(), errorJson(type, e.getMessage()));
    }

    static String errorJson(String type, String message) {
        ObjectNode root = JsonBodies.object().put("type", "error");
        root.putObject("error").put("type", type).put("message", message);
        return JsonBodies.write(root);
    }
}
