package dev.refusalguard.proxy.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refusalguard.proxy.api.PolicyErrors;
import dev.refusalguard.proxy.config.ApiFormat;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Sends variants straight to an OpenAI Chat Completions or Anthropic Messages endpoint with the JDK HTTP client,
 * and reads the provider's refusal signals: OpenAI {@code message.refusal} and {@code finish_reason:
 * content_filter}, Anthropic {@code stop_reason: refusal}, HTTP 4xx content-policy errors.
 */
final class HttpAnswerSource implements AnswerSource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANTHROPIC_VERSION = "2023-06-01";

    private final HttpClient client;
    private final URI endpoint;
    private final ApiFormat format;
    private final String model;
    private final String apiKey;
    private final Duration timeout;
    private final int maxTokens;

    HttpAnswerSource(HttpClient client, URI endpoint, ApiFormat format, String model, String apiKey, Duration timeout,
                     int maxTokens) {
        this.client = client;
        this.endpoint = endpoint;
        this.format = format;
        this.model = model;
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.maxTokens = maxTokens;
    }

    static HttpClient newClient(Duration connectTimeout) {
        return HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public UpstreamAnswer send(VariantRequest request) throws IOException, InterruptedException {
        HttpRequest.Builder http = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(request), StandardCharsets.UTF_8));
        if (format == ApiFormat.ANTHROPIC) {
            http.header("anthropic-version", ANTHROPIC_VERSION);
            if (apiKey != null) {
                http.header("x-api-key", apiKey);
            }
        } else if (apiKey != null) {
            http.header("authorization", "Bearer " + apiKey);
        }
        HttpResponse<String> response;
        try {
            response = client.send(http.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new RetryableException("timed out after " + timeout.toSeconds() + "s", 0);
        } catch (IOException e) {
            throw new RetryableException("transport error: " + e, 0);
        }
        return parse(response.statusCode(), response.body(),
                response.headers().firstValue("retry-after").orElse(null));
    }

    String body(VariantRequest request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        body.put("max_tokens", maxTokens);
        ArrayNode messages = JSON.createArrayNode();
        if (format == ApiFormat.ANTHROPIC) {
            if (request.system() != null) {
                body.put("system", request.system());
            }
        } else if (request.system() != null) {
            messages.addObject().put("role", "system").put("content", request.system());
        }
        messages.addObject().put("role", "user").put("content", request.user());
        body.set("messages", messages);
        return body.toString();
    }

    UpstreamAnswer parse(int status, String body, String retryAfter) throws IOException {
        JsonNode json = readJson(body);
        if (status == 429 || status >= 500) {
            throw new RetryableException("HTTP " + status, retryAfterMillis(retryAfter));
        }
        if (status >= 400) {
            if (PolicyErrors.isPolicyError(status, json)) {
                return new UpstreamAnswer(status, "", "policy_error", false);
            }
            throw new IOException("HTTP " + status + errorMessage(json));
        }
        if (status < 200 || status >= 300 || json == null) {
            throw new IOException("HTTP " + status + ": answer is not JSON");
        }
        return format == ApiFormat.ANTHROPIC ? anthropic(status, json) : openAi(status, json);
    }

    private static UpstreamAnswer openAi(int status, JsonNode json) {
        JsonNode choice = json.path("choices").path(0);
        JsonNode message = choice.path("message");
        String text = contentText(message.path("content"));
        boolean toolCall = message.path("tool_calls").isArray() && !message.path("tool_calls").isEmpty();
        String refusal = message.path("refusal").isTextual() ? message.path("refusal").asText() : null;
        String signal = null;
        if (refusal != null && !refusal.isBlank()) {
            signal = "refusal_field";
            if (text.isEmpty()) {
                text = refusal;
            }
        } else if ("content_filter".equals(choice.path("finish_reason").asText(null))) {
            signal = "content_filter";
        } else if (text.isBlank() && !toolCall) {
            signal = "empty_content";
        }
        return new UpstreamAnswer(status, text, signal, toolCall);
    }

    private static UpstreamAnswer anthropic(int status, JsonNode json) {
        StringBuilder text = new StringBuilder();
        boolean toolCall = false;
        for (JsonNode block : json.path("content")) {
            String type = block.path("type").asText("");
            if (type.equals("text")) {
                text.append(block.path("text").asText(""));
            } else if (type.equals("tool_use")) {
                toolCall = true;
            }
        }
        String signal = null;
        if ("refusal".equals(json.path("stop_reason").asText(null))) {
            signal = "stop_reason_refusal";
        } else if (text.toString().isBlank() && !toolCall) {
            signal = "empty_content";
        }
        return new UpstreamAnswer(status, text.toString(), signal, toolCall);
    }

    private static String contentText(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        if (content.isArray()) {
            for (JsonNode part : content) {
                if (part.path("text").isTextual()) {
                    text.append(part.path("text").asText());
                }
            }
        }
        return text.toString();
    }

    private static JsonNode readJson(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String errorMessage(JsonNode json) {
        if (json == null) {
            return "";
        }
        String message = json.path("error").path("message").asText("");
        return message.isEmpty() ? "" : ": " + (message.length() > 200 ? message.substring(0, 200) + "..." : message);
    }

    private static long retryAfterMillis(String header) {
        if (header == null) {
            return 0;
        }
        try {
            return Math.min(60_000L, Math.max(0L, (long) (Double.parseDouble(header.trim()) * 1000)));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
