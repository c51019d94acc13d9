package dev.refusalguard.policies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The recovery policy, loaded from YAML and validated at start-up with messages that name the bad key. Every key
 * is optional; missing ones take the defaults of {@code default-policy.yaml} (documented in docs/policies.md).
 *
 * @param intentGate           who may be recovered
 * @param selection            how strategies are chosen
 * @param budget               attempts and added time per request
 * @param memory               the cache of strategies that recovered a request fingerprint
 * @param lexiconPath          a lexicon file replacing the built-in one, or null
 * @param authorizationContext default structured authorization context, or null (headers may still supply one)
 * @param reroute              per requested model, the fallback models to try in order
 * @param audit                audit log settings
 */
public record PolicyConfig(IntentGateSettings intentGate,
                           SelectionSettings selection,
                           RecoveryBudget budget,
                           MemorySettings memory,
                           Path lexiconPath,
                           AuthorizationContext authorizationContext,
                           Map<String, List<String>> reroute,
                           AuditSettings audit) {

    /** Classpath location of the documented default policy. */
    public static final String DEFAULT_RESOURCE = "/dev/refusalguard/policies/default-policy.yaml";

    /**
     * @param retryAmbiguous recover ambiguous requests too (default false)
     * @param thresholds     offensive-score cut-offs
     */
    public record IntentGateSettings(boolean retryAmbiguous, IntentThresholds thresholds) {
        public IntentGateSettings {
            if (thresholds == null) {
                throw new IllegalArgumentException("intent_gate: thresholds required");
            }
        }
    }

    /**
     * @param mode             chain or adaptive
     * @param chain            order for chain mode; the candidate set for adaptive mode
     * @param explorationFloor adaptive: probability of a random pick
     * @param seed             adaptive: seed for reproducible draws, or null
     * @param countsFile       adaptive: file keeping success counts across restarts, or null
     * @param saveInterval     adaptive: how often the counts file is written
     */
    public record SelectionSettings(SelectionMode mode, List<StrategyKind> chain, double explorationFloor, Long seed,
                                    Path countsFile, Duration saveInterval) {
        public SelectionSettings {
            if (mode == null) {
                throw new IllegalArgumentException("selection.mode: required");
            }
            chain = List.copyOf(chain);
            new FixedChainSelector(chain);
            if (!(explorationFloor >= 0.0 && explorationFloor <= 0.5)) {
                throw new IllegalArgumentException("selection.exploration_floor: must be within 0..0.5, was " + explorationFloor);
            }
            if (saveInterval == null || saveInterval.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("selection.save_interval: must be at least 1s");
            }
        }
    }

    /**
     * @param enabled    remember what recovered a fingerprint
     * @param maxEntries cache size
     * @param ttl        time to live of an entry
     */
    public record MemorySettings(boolean enabled, long maxEntries, Duration ttl) {
        public MemorySettings {
            if (maxEntries < 1 || maxEntries > 10_000_000) {
                throw new IllegalArgumentException("memory.max_entries: must be within 1..10000000, was " + maxEntries);
            }
            if (ttl == null || ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("memory.ttl: must be positive");
            }
        }
    }

    /** @param logPrompts write prompt text and rewrites to the audit log (default false: redacted) */
    public record AuditSettings(boolean logPrompts) {
    }

    public PolicyConfig {
        if (intentGate == null || selection == null || budget == null || memory == null || audit == null) {
            throw new IllegalArgumentException("policy: intent_gate, selection, budget, memory and audit are required");
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        (reroute == null ? Map.<String, List<String>>of() : reroute).forEach((model, fallbacks) -> {
            if (model == null || model.isBlank()) {
                throw new IllegalArgumentException("reroute: model name must not be blank");
            }
            if (fallbacks == null || fallbacks.isEmpty()) {
                throw new IllegalArgumentException("reroute." + model + ": at least one fallback model required");
            }
            for (String f : fallbacks) {
                if (f == null || f.isBlank()) {
                    throw new IllegalArgumentException("reroute." + model + ": blank fallback model");
                }
                if (f.equals(model)) {
                    throw new IllegalArgumentException("reroute." + model + ": a model cannot be its own fallback");
                }
            }
            copy.put(model, List.copyOf(fallbacks));
        });
        reroute = java.util.Collections.unmodifiableMap(copy);
    }

    /** The documented default policy shipped in the jar. */
    public static PolicyConfig loadDefault() {
        try (InputStream in = PolicyConfig.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("policy resource missing: " + DEFAULT_RESOURCE);
            }
            return parse(in, DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PolicyConfig load(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return parse(in, path.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read policy " + path, e);
        }
    }

    public static PolicyConfig parse(InputStream yaml, String source) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        try {
            return fromTree(root == null || root.isMissingNode() || root.isNull()
                    ? new ObjectMapper().createObjectNode() : root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ factories

    public SensitiveTermLexicon lexicon() {
        return lexiconPath == null ? SensitiveTermLexicon.loadDefault() : SensitiveTermLexicon.load(lexiconPath);
    }

    public RequestAnalyzer createAnalyzer() {
        return RequestAnalyzer.create(lexicon(), intentGate.thresholds());
    }

    public IntentGate createGate() {
        return new IntentGate(intentGate.retryAmbiguous());
    }

    public StrategySelector createSelector() {
        return selection.mode() == SelectionMode.CHAIN
                ? new FixedChainSelector(selection.chain())
                : new AdaptiveSelector(selection.explorationFloor(), selection.seed());
    }

    /** The recovery memory, or null when disabled. */
    public RecoveryMemory createMemory() {
        return memory.enabled() ? new RecoveryMemory(memory.maxEntries(), memory.ttl()) : null;
    }

    /** Fallback models for {@code model}, empty when none is configured. */
    public List<String> rerouteChain(String model) {
        return reroute.getOrDefault(model, List.of());
    }

    // ------------------------------------------------------------------ parsing

    private static PolicyConfig fromTree(JsonNode root) {
        if (!root.isObject()) {
            throw new IllegalArgumentException("root: expected a mapping");
        }
        keys(root, "", "version", "intent_gate", "selection", "budget", "memory", "lexicon_path",
                "authorization_context", "reroute", "audit");
        JsonNode version = root.get("version");
        if (version != null && (!version.isInt() || version.asInt() != 1)) {
            throw new IllegalArgumentException("version: must be 1");
        }

        JsonNode gate = object(root, "intent_gate");
        keys(gate, "intent_gate.", "retry_ambiguous", "defensive_at", "offensive_at");
        IntentThresholds thresholds = new IntentThresholds(
                number(gate, "intent_gate.defensive_at", IntentThresholds.DEFAULT.defensiveAt()),
                number(gate, "intent_gate.offensive_at", IntentThresholds.DEFAULT.offensiveAt()));
        IntentGateSettings gateSettings = new IntentGateSettings(bool(gate, "intent_gate.retry_ambiguous", false), thresholds);

        JsonNode sel = object(root, "selection");
        keys(sel, "selection.", "mode", "chain", "exploration_floor", "seed", "counts_file", "save_interval");
        SelectionMode mode = enumValue(sel, "selection.mode", SelectionMode.class, SelectionMode.CHAIN);
        List<StrategyKind> chain = new ArrayList<>();
        JsonNode chainNode = sel.get("chain");
        if (chainNode == null) {
            chain.addAll(List.of(StrategyKind.REPHRASE, StrategyKind.AUTHORIZATION_CONTEXT, StrategyKind.REROUTE));
        } else {
            if (!chainNode.isArray()) {
                throw new IllegalArgumentException("selection.chain: expected a list of strategies");
            }
            for (int i = 0; i < chainNode.size(); i++) {
                chain.add(enumText(chainNode.get(i), "selection.chain[" + i + "]", StrategyKind.class));
            }
        }
        JsonNode seedNode = sel.get("seed");
        if (seedNode != null && !seedNode.isNull() && !seedNode.canConvertToLong()) {
            throw new IllegalArgumentException("selection.seed: expected an integer");
        }
        SelectionSettings selection = new SelectionSettings(mode, chain,
                number(sel, "selection.exploration_floor", 0.1),
                seedNode == null || seedNode.isNull() ? null : seedNode.asLong(),
                path(sel, "selection.counts_file"),
                duration(sel, "selection.save_interval", Duration.ofSeconds(60)));

        JsonNode budgetNode = object(root, "budget");
        keys(budgetNode, "budget.", "max_attempts", "max_added_time");
        RecoveryBudget budget = new RecoveryBudget(
                integer(budgetNode, "budget.max_attempts", RecoveryBudget.DEFAULT.maxAttempts()),
                duration(budgetNode, "budget.max_added_time", RecoveryBudget.DEFAULT.maxAddedTime()));

        JsonNode mem = object(root, "memory");
        keys(mem, "memory.", "enabled", "max_entries", "ttl");
        MemorySettings memory = new MemorySettings(bool(mem, "memory.enabled", true),
                integer(mem, "memory.max_entries", 10_000), duration(mem, "memory.ttl", Duration.ofHours(1)));

        AuthorizationContext context = null;
        JsonNode ctx = root.get("authorization_context");
        if (ctx != null && !ctx.isNull()) {
            if (!ctx.isObject()) {
                throw new IllegalArgumentException("authorization_context: expected a mapping");
            }
            keys(ctx, "authorization_context.", "organisation", "role", "asset_scope", "engagement_id");
            try {
                context = new AuthorizationContext(text(ctx, "organisation"), text(ctx, "role"),
                        text(ctx, "asset_scope"), text(ctx, "engagement_id"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("authorization_context." + e.getMessage(), e);
            }
        }

        Map<String, List<String>> reroute = new LinkedHashMap<>();
        JsonNode rr = root.get("reroute");
        if (rr != null && !rr.isNull()) {
            if (!rr.isObject()) {
                throw new IllegalArgumentException("reroute: expected a mapping of model to a list of fallback models");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = rr.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isArray()) {
                    throw new IllegalArgumentException("reroute." + e.getKey() + ": expected a list of model names");
                }
                List<String> fallbacks = new ArrayList<>();
                for (int i = 0; i < e.getValue().size(); i++) {
                    JsonNode f = e.getValue().get(i);
                    if (!f.isTextual()) {
                        throw new IllegalArgumentException("reroute." + e.getKey() + "[" + i + "]: expected a model name");
                    }
                    fallbacks.add(f.asText());
                }
                reroute.put(e.getKey(), fallbacks);
            }
        }

        JsonNode auditNode = object(root, "audit");
        keys(auditNode, "audit.", "log_prompts");
        AuditSettings audit = new AuditSettings(bool(auditNode, "audit.log_prompts", false));

        return new PolicyConfig(gateSettings, selection, budget, memory, path(root, "lexicon_path"), context, reroute, audit);
    }

    private static JsonNode object(JsonNode parent, String key) {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) {
            return new ObjectMapper().createObjectNode();
        }
        if (!n.isObject()) {
            throw new IllegalArgumentException(key + ": expected a mapping");
        }
        return n;
    }

    private static void keys(JsonNode node, String prefix, String... allowed) {
        Set<String> ok = new TreeSet<>(List.of(allowed));
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!ok.contains(key)) {
                throw new IllegalArgumentException(prefix + key + ": unknown key (expected one of " + ok + ")");
            }
        }
    }

    private static String leaf(String key) {
        return key.substring(key.lastIndexOf('.') + 1);
    }

    private static boolean bool(JsonNode node, String key, boolean dflt) {
        JsonNode v = node.get(leaf(key));
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException(key + ": expected true or false");
        }
        return v.asBoolean();
    }

    private static double number(JsonNode node, String key, double dflt) {
        JsonNode v = node.get(leaf(key));
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException(key + ": expected a number");
        }
        return v.asDouble();
    }

    private static int integer(JsonNode node, String key, int dflt) {
        JsonNode v = node.get(leaf(key));
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new IllegalArgumentException(key + ": expected an integer");
        }
        return v.asInt();
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw new IllegalArgumentException(key + ": expected text");
        }
        return v.asText();
    }

    private static Path path(JsonNode node, String key) {
        String s = text(node, leaf(key));
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Path.of(s);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + ": not a valid path: " + s);
        }
    }

    private static <E extends Enum<E>> E enumValue(JsonNode node, String key, Class<E> type, E dflt) {
        JsonNode v = node.get(leaf(key));
        return v == null || v.isNull() ? dflt : enumText(v, key, type);
    }

    private static <E extends Enum<E>> E enumText(JsonNode v, String key, Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name().toLowerCase(Locale.ROOT));
            if (v.isTextual() && e.name().equalsIgnoreCase(v.asText().trim())) {
                return e;
            }
        }
        throw new IllegalArgumentException(key + ": '" + v.asText() + "' is not one of " + names);
    }

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private static Duration duration(JsonNode node, String key, Duration dflt) {
        JsonNode v = node.get(leaf(key));
        if (v == null || v.isNull()) {
            return dflt;
        }
        return parseDuration(v.asText(), key);
    }

    /** Parses "250ms", "30s", "5m", "1h", "2d" or ISO-8601 ("PT30S"). */
    static Duration parseDuration(String text, String key) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE_DURATION.matcher(s);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not a duration (e.g. 250ms, 30s, 5m, 1h, PT30S)");
        }
    }
}
