package dev.refusalguard.proxy.audit;

import dev.refusalguard.policies.AuthorizationContext;
import dev.refusalguard.proxy.config.ApiFormat;
import dev.refusalguard.proxy.config.Durations;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses the {@code audit} command line into {@link AuditOptions}. */
final class AuditArguments {

    static final String USAGE = """
            usage: refusalguard audit --prompts FILE.jsonl --upstream URL --model NAME --out DIR
                                      [--format openai|anthropic] [--concurrency N] [--rate RPS]
                                      [--api-key-env VAR] [--timeout 60s] [--max-tokens N] [--retries N]
                                      [--claim TEXT] [--context-organisation ORG] [--context-role ROLE]
                                      [--context-asset-scope SCOPE] [--context-engagement-id ID] [--keep-text]
                                      [--variants original,neutral_rephrase,free_text_claim,structured_authorization]
                                      [--system-prompt-file FILE]

            Sends every prompt in four variants (original, neutral rephrase, free-text authorization claim,
            structured authorization block) straight to the upstream, detects refusals, and writes
            DIR/progress.jsonl (resumable), DIR/report.json and DIR/report.html.
            Prompts file: one JSON object per line: {"id": "...", "prompt": "...", "category": "malware_analysis",
            "sensitive": true} ("text" is accepted for "prompt"; category and sensitive are optional labels:
            request analysis decides when they are absent).
            """;

    private static final Set<String> FLAGS = Set.of("--keep-text");
    private static final Set<String> OPTIONS = Set.of("--prompts", "--upstream", "--model", "--format", "--out",
            "--concurrency", "--rate", "--api-key-env", "--timeout", "--max-tokens", "--retries", "--claim",
            "--context-organisation", "--context-role", "--context-asset-scope", "--context-engagement-id",
            "--variants", "--system-prompt-file");

    private AuditArguments() {
    }

    /** Thrown for a malformed command line; the message says what is wrong. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static boolean wantsHelp(String[] args) {
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    static AuditOptions parse(String[] args) throws UsageException {
        Map<String, String> values = new HashMap<>();
        boolean keepText = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            if (FLAGS.contains(arg)) {
                keepText = true;
                continue;
            }
            if (!OPTIONS.contains(arg)) {
                throw new UsageException("unknown option: " + args[i]);
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException(arg + " needs a value");
                }
                value = args[++i];
            }
            if (values.put(arg, value) != null) {
                throw new UsageException(arg + " given twice");
            }
        }
        try {
            ApiFormat format = format(values.getOrDefault("--format", "openai"));
            AuthorizationContext context = new AuthorizationContext(
                    values.getOrDefault("--context-organisation", "Example Corp Security Operations Center"),
                    values.getOrDefault("--context-role", "SOC analyst on the internal defensive security team"),
                    values.getOrDefault("--context-asset-scope", "assets owned and operated by the organisation"),
                    values.get("--context-engagement-id"));
            String keyEnv = values.getOrDefault("--api-key-env",
                    format == ApiFormat.ANTHROPIC ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY");
            return new AuditOptions(
                    path(values.get("--prompts")),
                    values.containsKey("--upstream") ? URI.create(values.get("--upstream")) : null,
                    values.get("--model"),
                    format,
                    path(values.get("--out")),
                    integer(values, "--concurrency", 4),
                    number(values, "--rate", 0.0),
                    keyEnv,
                    duration(values.getOrDefault("--timeout", "60s")),
                    integer(values, "--max-tokens", 400),
                    integer(values, "--retries", 2),
                    values.getOrDefault("--claim", AuditOptions.DEFAULT_CLAIM),
                    context,
                    keepText,
                    variants(values.get("--variants")),
                    systemPrompt(values.get("--system-prompt-file")));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static ApiFormat format(String value) {
        try {
            return ApiFormat.fromWireName(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--format must be openai or anthropic: " + value);
        }
    }

    private static List<AuditVariant> variants(String value) {
        if (value == null) {
            return List.of(AuditVariant.values());
        }
        List<AuditVariant> variants = new ArrayList<>();
        for (String name : value.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            try {
                variants.add(AuditVariant.fromWireName(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--variants: unknown variant '" + name.trim() + "' (original,"
                        + " neutral_rephrase, free_text_claim, structured_authorization)");
            }
        }
        return variants;
    }

    private static String systemPrompt(String file) {
        if (file == null) {
            return null;
        }
        try {
            return java.nio.file.Files.readString(Path.of(file), java.nio.charset.StandardCharsets.UTF_8).strip();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("--system-prompt-file: cannot read " + file + ": " + e.getMessage());
        }
    }

    private static Path path(String value) {
        return value == null ? null : Path.of(value);
    }

    private static int integer(Map<String, String> values, String key, int fallback) {
        String value = values.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer: " + value);
        }
    }

    private static double number(Map<String, String> values, String key, double fallback) {
        String value = values.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number: " + value);
        }
    }

    private static Duration duration(String value) {
        try {
            return Durations.parse(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--timeout: " + e.getMessage());
        }
    }
}
