package dev.refusalguard.proxy.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** OpenAI Chat Completions ({@code POST /v1/chat/completions}) on top of the simulated model. */
final class ChatCompletionsApi {

    static final String PATH = "/v1/chat/completions";

    private final SimulatedModel model;
    private final Clock clock;

    ChatCompletionsApi(SimulatedModel model, Clock clock) {
        this.model = model;
        this.clock = clock;
    }

    DemoReply handle(String body) {
        try {
            return answer(body);
        } catch (ApiRequestException e) {
            return error(e);
        }
    }

    private DemoReply answer(String body) throws ApiRequestException {
        ObjectNode req = JsonBodies.parseObject(body, "We could not parse the JSON body of your request.");
        String modelName = JsonBodies.requiredString(req, "model",
                ApiRequestException.missing("model", "you must provide a model parameter"));
        JsonNode messages = req.get("messages");
        if (messages == null || messages.isNull()) {
            throw ApiRequestException.missing("messages", "Missing required parameter: 'messages'.");
        }
        if (!messages.isArray() || messages.isEmpty()) {
            throw ApiRequestException.invalid("messages", "'messages' must be a non-empty array.");
        }
        StringBuilder system = new StringBuilder();
        StringBuilder user = new StringBuilder();
        int promptChars = 0;
        for (JsonNode m : messages) {
            String role = m.path("role").asText("");
            String text = JsonBodies.contentText(m.get("content"));
            promptChars += text.length();
            switch (role) {
                case "system", "developer" -> JsonBodies.appendLine(system, text);
                case "user" -> JsonBodies.appendLine(user, text);
                case "assistant", "tool", "function" -> { }
                default -> throw ApiRequestException.invalid("messages",
                        "Invalid value: '" + role + "'. Supported values are: 'system', 'developer', 'user',"
                                + " 'assistant', 'tool', and 'function'.");
            }
        }
        boolean stream = req.path("stream").asBoolean(false);
        boolean includeUsage = req.path("stream_options").path("include_usage").asBoolean(false);
        SimulatedDecision d = model.decide(modelName, system.toString(), user.toString());
        Map<String, String> headers = decisionHeaders(d);
        if (d.refusal() && d.delivery() == RefusalDelivery.POLICY_ERROR) {
            return new DemoReply.Full(400, headers, errorJson(
                    "Your request was rejected as a result of our safety system.", "invalid_request_error",
                    null, "content_policy_violation"));
        }
        String id = "chatcmpl-" + Long.toHexString(d.draws() & Long.MAX_VALUE);
        long created = clock.instant().getEpochSecond();
        int promptTokens = TextDeltas.tokens(" ".repeat(promptChars));
        boolean refusalField = d.refusal() && d.delivery() == RefusalDelivery.PROVIDER_SIGNAL;
        boolean filtered = d.refusal() && d.delivery() == RefusalDelivery.CONTENT_FILTER;
        String text = filtered ? "" : d.text();
        String finish = filtered ? "content_filter" : "stop";
        int completionTokens = TextDeltas.tokens(text);
        if (!stream) {
            ObjectNode message = JsonBodies.object().put("role", "assistant");
            if (refusalField) {
                message.putNull("content");
                message.put("refusal", text);
            } else {
                message.put("content", text);
                message.putNull("refusal");
            }
            message.putArray("annotations");
            ObjectNode resp = JsonBodies.object()
                    .put("id", id).put("object", "chat.completion").put("created", created).put("model", modelName);
            ObjectNode choice = resp.putArray("choices").addObject().put("index", 0);
            choice.set("message", message);
            choice.putNull("logprobs");
            choice.put("finish_reason", finish);
            resp.set("usage", usage(promptTokens, completionTokens));
            resp.put("service_tier", "default").put("system_fingerprint", "fp_demo");
            return new DemoReply.Full(200, headers, JsonBodies.write(resp));
        }
        List<SseEvent> events = new ArrayList<>();
        ObjectNode first = JsonBodies.object().put("role", "assistant").put("content", "");
        first.putNull("refusal");
        events.add(chunk(id, created, modelName, first, null, includeUsage));
        for (String delta : TextDeltas.split(text, model.config().deltaWords())) {
            ObjectNode deltaNode = JsonBodies.object().put(refusalField ? "refusal" : "content", delta);
            events.add(chunk(id, created, modelName, deltaNode, null, includeUsage));
        }
        events.add(chunk(id, created, modelName, JsonBodies.object(), finish, includeUsage));
        if (includeUsage) {
            ObjectNode last = chunkBase(id, created, modelName);
            last.putArray("choices");
            last.set("usage", usage(promptTokens, completionTokens));
            events.add(SseEvent.data(JsonBodies.write(last)));
        }
        events.add(SseEvent.data("[DONE]"));
        return new DemoReply.Stream(headers, events);
    }

    private static ObjectNode chunkBase(String id, long created, String modelName) {
        ObjectNode c = JsonBodies.object()
                .put("id", id).put("object", "chat.completion.chunk").put("created", created).put("model", modelName)
                .put("service_tier", "default").put("system_fingerprint", "fp_demo");
        return c;
    }

    private static SseEvent chunk(String id, long created, String modelName, ObjectNode delta, String finish,
                                  boolean includeUsage) {
        ObjectNode c = chunkBase(id, created, modelName);
        ObjectNode choice = c.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        if (includeUsage) {
            c.putNull("usage");
        }
        return SseEvent.data(JsonBodies.write(c));
    }

    private static ObjectNode usage(int prompt, int completion) {
        ObjectNode u = JsonBodies.object()
                .put("prompt_tokens", prompt).put("completion_tokens", completion).put("total_tokens", prompt + completion);
        u.putObject("prompt_tokens_details").put("cached_tokens", 0).put("audio_tokens", 0);
        u.putObject("completion_tokens_details").put("reasoning_tokens", 0).put("audio_tokens", 0)
                .put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0);
        return u;
    }

    static Map<String, String> decisionHeaders(SimulatedDecision d) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(SimulatedDecision.HEADER, d.headerValue());
        h.put(SimulatedDecision.PROBABILITY_HEADER, String.format(Locale.ROOT, "%.4f", d.probability()));
        if (d.refusal()) {
            h.put(SimulatedDecision.DELIVERY_HEADER, d.delivery().wireName());
        }
        return h;
    }

    static DemoReply.Full error(ApiRequestException e) {
        String type = "invalid_request_error";
        String code = switch (e.kind()) {
            case MISSING_PARAMETER -> "missing_required_parameter";
            case NOT_FOUND -> "unknown_url";
            case METHOD_NOT_ALLOWED -> "method_not_allowed";
            case TOO_LARGE -> "request_too_large";
            default -> null;
        };
        return new DemoReply.Full(e.status(), Map.of(), errorJson(e.getMessage(), type, e.param(), code));
    }

    static String errorJson(String message, String type, String param, String code) {
        ObjectNode root = JsonBodies.object();
        ObjectNode err = root.putObject("error").put("message", message).put("type", type);
        if (param == null) {
            err.putNull("param");
        } else {
            err.put("param", param);
        }
        if (code == null) {
            err.putNull("code");
        } else {
            err.put("code", code);
        }
        return JsonBodies.write(root);
    }
}
