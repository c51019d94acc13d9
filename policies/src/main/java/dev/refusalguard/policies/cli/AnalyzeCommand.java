package dev.refusalguard.policies.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refusalguard.policies.IntentGate;
import dev.refusalguard.policies.PolicyConfig;
import dev.refusalguard.policies.RequestAnalysis;
import dev.refusalguard.policies.RequestAnalyzer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@code refusalguard.jar analyze [--policy FILE]}: reads JSON Lines {@code {"id": ..., "request": "..."}} on stdin
 * and writes, per line and in order, {@code {"id", "category", "intent", "intent_score", "sensitive_terms",
 * "authorization_claim", "rephrased", "recoverable"}}. {@code rephrased} is the text the proxy would send on a
 * rephrase attempt; requests the intent gate does not let through are never rewritten ({@code rephrased} equals the
 * request, {@code recoverable} is false). A malformed line gets {@code {"line": N, "error": "..."}} in its place;
 * blank lines are skipped.
 */
public final class AnalyzeCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AnalyzeCommand() {
    }

    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        Path policyPath = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--policy" -> {
                    if (i + 1 >= args.length) {
                        err.println("analyze: --policy needs a file");
                        return 2;
                    }
                    policyPath = Path.of(args[++i]);
                }
                case "-h", "--help" -> {
                    out.println("usage: analyze [--policy FILE] < requests.jsonl");
                    out.println("  input lines:  {\"id\": ..., \"request\": \"...\"}");
                    out.println("  output lines: {\"id\", \"category\", \"intent\", \"intent_score\", \"sensitive_terms\","
                            + " \"authorization_claim\", \"rephrased\", \"recoverable\"}");
                    return 0;
                }
                default -> {
                    err.println("analyze: unknown argument " + args[i]);
                    return 2;
                }
            }
        }
        PolicyConfig policy;
        try {
            policy = policyPath == null ? PolicyConfig.loadDefault() : PolicyConfig.load(policyPath);
        } catch (RuntimeException e) {
            err.println("analyze: invalid policy: " + e.getMessage());
            return 2;
        }
        RequestAnalyzer analyzer = policy.createAnalyzer();
        IntentGate gate = policy.createGate();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                out.println(JSON.writeValueAsString(analyzeLine(line, number, analyzer, gate)));
            }
        } catch (IOException e) {
            err.println("analyze: cannot read input: " + e.getMessage());
            return 1;
        }
        out.flush();
        return 0;
    }

    static ObjectNode analyzeLine(String line, int number, RequestAnalyzer analyzer, IntentGate gate) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return error(number, "invalid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            return error(number, "expected a JSON object");
        }
        JsonNode request = node.get("request");
        if (request == null || !request.isTextual()) {
            return error(number, "missing text field 'request'");
        }
        String text = request.asText();
        RequestAnalysis a = analyzer.analyze(text);
        boolean recoverable = gate.mayRecover(a);
        ObjectNode o = JSON.createObjectNode();
        o.set("id", node.has("id") ? node.get("id") : JSON.nullNode());
        o.put("category", a.category().wireName());
        o.put("intent", a.intent().wireName());
        o.put("intent_score", Math.round(a.intentScore() * 10000) / 10000.0);
        a.sensitiveTerms().forEach(o.putArray("sensitive_terms")::add);
        if (!o.has("sensitive_terms")) {
            o.putArray("sensitive_terms");
        }
        o.put("authorization_claim", a.authorizationClaim());
        o.put("rephrased", recoverable ? analyzer.rephraser().rephrase(text, a.category()).text() : text);
        o.put("recoverable", recoverable);
        return o;
    }

    private static ObjectNode error(int line, String message) {
        ObjectNode o = JSON.createObjectNode();
        o.put("line", line);
        o.put("error", message);
        return o;
    }

    /** Stand-alone entry point (scripts, CI); the proxy's Main calls {@link #run} directly. */
    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }
}
