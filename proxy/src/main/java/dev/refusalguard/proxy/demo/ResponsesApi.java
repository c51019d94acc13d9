package dev.refusalguard.proxy.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** OpenAI Responses ({@code POST /v1/responses}) on top of the simulated model. */
final class ResponsesApi {

    static final String PATH = "/v1/responses";

    private final SimulatedModel model;
    private final Clock clock;

    ResponsesApi(SimulatedModel model, Clock clock) {
        this.model = model;
        this.clock = clock;
    }

    DemoReply handle(String body) {
        try {
            return answer(body);
        } catch (ApiRequestException e) {
            return ChatCompletionsApi.error(e);
        }
    }

    private DemoReply answer(String body) throws ApiRequestException {
        ObjectNode req = JsonBodies.parseObject(body, "We could not parse the JSON body of your request.");
        String modelName = JsonBodies.requiredString(req, "model",
                ApiRequestException.missing("model", "Missing required parameter: 'model'."));
        JsonNode input = req.get("input");
        if (input == null || input.isNull()) {
            throw ApiRequestException.missing("input", "Missing required parameter: 'input'.");
        }
        StringBuilder system = new StringBuilder();
        StringBuilder user = new StringBuilder();
        JsonNode instructions = req.get("instructions");
        if (instructions != null && instructions.isTextual()) {
            JsonBodies.appendLine(system, instructions.asText());
        }
        if (input.isTextual()) {
            JsonBodies.appendLine(user, input.asText());
        } else if (input.isArray()) {
            for (JsonNode item : input) {
                String type = item.path("type").asText("message");
                if (!type.equals("message")) {
                    continue;
                }
                String text = JsonBodies.contentText(item.get("content"));
                switch (item.path("role").asText("")) {
                    case "system", "developer" -> JsonBodies.appendLine(system, text);
                    case "user" -> JsonBodies.appendLine(user, text);
                    case "assistant" -> { }
                    default -> throw ApiRequestException.invalid("input",
                            "Invalid value for 'input[].role': expected one of 'user', 'assistant', 'system',"
                                    + " or 'developer'.");
                }
            }
        } else {
            throw ApiRequestException.invalid("input", "'input' must be a string or an array of input items.");
        }
        boolean stream = req.path("stream").asBoolean(false);
        SimulatedDecision d = model.decide(modelName, system.toString(), user.toString());
        Map<String, String> headers = ChatCompletionsApi.decisionHeaders(d);
        if (d.refusal() && d.delivery() == RefusalDelivery.POLICY_ERROR) {
            return new DemoReply.Full(400, headers, ChatCompletionsApi.errorJson(
                    "Your request was rejected as a result of our safety system.", "invalid_request_error",
                    null, "content_policy_violation"));
        }
        String hex = Long.toHexString(d.draws() & Long.MAX_VALUE);
        String responseId = "resp_" + hex;
        String itemId = "msg_" + hex;
        long created = clock.instant().getEpochSecond();
        String instructionsText = instructions != null && instructions.isTextual() ? instructions.asText() : null;
        int inputTokens = TextDeltas.tokens(system + " " + user);
        boolean filtered = d.refusal() && d.delivery() == RefusalDelivery.CONTENT_FILTER;
        boolean refusalPart = d.refusal() && d.delivery() == RefusalDelivery.PROVIDER_SIGNAL;
        String text = filtered ? "" : d.text();
        int outputTokens = TextDeltas.tokens(text);

        ObjectNode finalPart = part(refusalPart, text);
        ObjectNode finalItem = item(itemId, "completed", finalPart);
        ObjectNode done = response(responseId, created, modelName, instructionsText,
                filtered ? "incomplete" : "completed");
        if (filtered) {
            done.putObject("incomplete_details").put("reason", "content_filter");
        } else {
            done.withArray("output").add(finalItem);
        }
        done.set("usage", usage(inputTokens, outputTokens));
        if (!stream) {
            return new DemoReply.Full(200, headers, JsonBodies.write(done));
        }

        List<SseEvent> events = new ArrayList<>();
        int[] seq = {0};
        ObjectNode inProgress = response(responseId, created, modelName, instructionsText, "in_progress");
        events.add(event(seq, "response.created", JsonBodies.object().set("response", inProgress)));
        events.add(event(seq, "response.in_progress", JsonBodies.object().set("response", inProgress)));
        if (filtered) {
            events.add(event(seq, "response.incomplete", JsonBodies.object().set("response", done)));
            return new DemoReply.Stream(headers, events);
        }
        ObjectNode addedItem = JsonBodies.object().put("id", itemId).put("type", "message")
                .put("status", "in_progress").put("role", "assistant");
        addedItem.putArray("content");
        events.add(event(seq, "response.output_item.added",
                JsonBodies.object().put("output_index", 0).set("item", addedItem)));
        events.add(event(seq, "response.content_part.added",
                located(itemId).set("part", part(refusalPart, ""))));
        for (String delta : TextDeltas.split(text, model.config().deltaWords())) {
            ObjectNode e = located(itemId).put("delta", delta);
            if (!refusalPart) {
                e.putArray("logprobs");
            }
            events.add(event(seq, refusalPart ? "response.refusal.delta" : "response.output_text.delta", e));
        }
        ObjectNode textDone = located(itemId).put(refusalPart ? "refusal" : "text", text);
        if (!refusalPart) {
            textDone.putArray("logprobs");
        }
        events.add(event(seq, refusalPart ? "response.refusal.done" : "response.output_text.done", textDone));
        events.add(event(seq, "response.content_part.done", located(itemId).set("part", finalPart.deepCopy())));
        events.add(event(seq, "response.output_item.done",
                JsonBodies.object().put("output_index", 0).set("item", finalItem.deepCopy())));
        events.add(event(seq, "response.completed", JsonBodies.object().set("response", done)));
        return new DemoReply.Stream(headers, events);
    }

    private static ObjectNode located(String itemId) {
        return JsonBodies.object().put("item_id", itemId).put("output_index", 0).put("content_index", 0);
    }

    private static SseEvent event(int[] seq, String type, ObjectNode payload) {
        ObjectNode e = JsonBodies.object().put("type", type).put("sequence_number", seq[0]++);
        e.setAll(payload);
        return new SseEvent(type, JsonBodies.write(e));
    }

    private static ObjectNode part(boolean refusal, String text) {
        if (refusal) {
            return JsonBodies.object().put("type", "refusal").put("refusal", text);
        }
        ObjectNode p = JsonBodies.object().put("type", "output_text").put("text", text);
        p.putArray("annotations");
        p.putArray("logprobs");
        return p;
    }

    private static ObjectNode item(String itemId, String status, ObjectNode part) {
        ObjectNode item = JsonBodies.object().put("id", itemId).put("type", "message")
                .put("status", status).put("role", "assistant");
        item.putArray("content").add(part);
        return item;
    }

    private static ObjectNode response(String id, long created, String modelName, String instructions, String status) {
        ObjectNode r = JsonBodies.object().put("id", id).put("object", "response").put("created_at", created)
                .put("status", status).put("background", false);
        r.putNull("error");
        r.putNull("incomplete_details");
        if (instructions == null) {
            r.putNull("instructions");
        } else {
            r.put("instructions", instructions);
        }
        r.putNull("max_output_tokens");
        r.put("model", modelName);
        r.putArray("output");
        r.put("parallel_tool_calls", true);
        r.putNull("previous_response_id");
        ObjectNode reasoning = r.putObject("reasoning");
        reasoning.putNull("effort");
        reasoning.putNull("summary");
        r.put("service_tier", "default").put("store", true).put("temperature", 1.0);
        r.putObject("text").putObject("format").put("type", "text");
        r.put("tool_choice", "auto");
        r.putArray("tools");
        r.put("top_p", 1.0).put("truncation", "disabled");
        r.putNull("usage");
        r.putNull("user");
        r.putObject("metadata");
        return r;
    }

    private static ObjectNode usage(int input, int output) {
        ObjectNode u = JsonBodies.object().put("input_tokens", input);
        u.putObject("input_tokens_details").put("cached_tokens", 0).put("cache_write_tokens", 0);
        u.put("output_tokens", output);
        u.putObject("output_tokens_details").put("reasoning_tokens", 0);
        u.put("total_tokens", input + output);
        return u;
    }
}
