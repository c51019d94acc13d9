package dev.refusalguard.proxy.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.refusalguard.classifier.RefusalClass;
import dev.refusalguard.policies.StrategyKind;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a {@link ProxyConfig}: YAML file (optional), then environment variables {@code REFUSALGUARD_<KEY PATH>}
 * (e.g. {@code REFUSALGUARD_SERVER_LISTEN}, {@code REFUSALGUARD_STREAMWINDOW_MAXCHARS}), then explicit overrides
 * (command-line flags). Unknown keys and invalid values fail start-up with a message naming the key.
 */
public final class ConfigLoader {

    public static final String ENV_PREFIX = "REFUSALGUARD_";

    /** Variables with the prefix that are not config keys: the launcher script's JVM options. */
    private static final java.util.Set<String> OTHER_ENV = java.util.Set.of("REFUSALGUARD_JAVA_OPTS");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // 1.5 for an integer key is a mistake to report, not a value to truncate
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .registerModule(new SimpleModule("refusalguard-config")
                    .addDeserializer(Duration.class, new DurationDeserializer())
                    .addDeserializer(ApiFormat.class, new WireEnumDeserializer<>(ApiFormat::fromWireName,
                            wireNames(ApiFormat.values(), ApiFormat::wireName)))
                    .addDeserializer(StrategyKind.class, new WireEnumDeserializer<>(StrategyKind::fromWireName,
                            wireNames(StrategyKind.values(), StrategyKind::wireName)))
                    .addDeserializer(RefusalClass.class, new WireEnumDeserializer<>(RefusalClass::fromWireName,
                            wireNames(RefusalClass.values(), RefusalClass::wireName))));

    private ConfigLoader() {
    }

    /**
     * @param yamlFile  config file or null
     * @param env       environment (System.getenv() in production)
     * @param overrides dotted key paths to values (flags), applied last
     */
    public static ProxyConfig load(Path yamlFile, Map<String, String> env, Map<String, String> overrides) {
        ObjectNode tree;
        if (yamlFile != null) {
            try {
                JsonNode read = YAML.readTree(Files.readString(yamlFile));
                tree = read instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
            } catch (IOException e) {
                throw new InvalidConfigException(yamlFile.toString(), "cannot read config: " + e.getMessage());
            }
        } else {
            tree = JsonNodeFactory.instance.objectNode();
        }
        return load(tree, env, overrides);
    }

    /** Like {@link #load(Path, Map, Map)} from an already built tree (e.g. the {@code --upstream} simple case). */
    public static ProxyConfig load(ObjectNode tree, Map<String, String> env, Map<String, String> overrides) {
        Map<String, String> scalarPaths = scalarPaths();
        java.util.Set<String> keyVariables = new java.util.HashSet<>();
        tree.path("upstreams").forEach(u -> keyVariables.add(u.path("apiKeyEnv").asText("")));
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            if (!e.getKey().startsWith(ENV_PREFIX)) {
                continue;
            }
            String path = scalarPaths.get(e.getKey());
            if (path != null) {
                put(tree, path, e.getValue());
            } else if (!OTHER_ENV.contains(e.getKey()) && !keyVariables.contains(e.getKey())) {
                // Like an unknown YAML key: a misspelt override must not be ignored silently.
                throw new InvalidConfigException(e.getKey(), "unknown environment variable, no config key has this"
                        + " name" + suggestion(e.getKey(), scalarPaths.keySet())
                        + " (REFUSALGUARD_ + the key path upper-cased, dots as underscores)");
            }
        }
        overrides.forEach((path, value) -> put(tree, path, value));
        return bind(tree);
    }

    /** Binds a config tree (YAML already parsed) into the validated record. */
    public static ProxyConfig bind(JsonNode tree) {
        try {
            return YAML.treeToValue(tree, ProxyConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidConfigException(pathOf(e), "unknown key (see README.md for the config keys)");
        } catch (JsonMappingException e) {
            for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
                if (t instanceof InvalidConfigException ice) {
                    throw ice;
                }
            }
            throw new InvalidConfigException(pathOf(e), problem(e));
        } catch (IOException e) {
            throw new InvalidConfigException("config", e.getMessage());
        }
    }

    private static String suggestion(String name, java.util.Set<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(name, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= 3 ? "; did you mean " + best + "?" : "";
    }

    /** Levenshtein distance (names are short). */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** Environment variable name to dotted key path, for every scalar key of the config records. */
    public static Map<String, String> scalarPaths() {
        Map<String, String> out = new TreeMap<>();
        collect(ProxyConfig.class, "", out);
        return out;
    }

    private static void collect(Class<?> type, String prefix, Map<String, String> out) {
        for (RecordComponent c : type.getRecordComponents()) {
            String path = prefix.isEmpty() ? c.getName() : prefix + "." + c.getName();
            Class<?> t = c.getType();
            if (t.isRecord()) {
                collect(t, path, out);
            } else if (!List.class.isAssignableFrom(t) && !Map.class.isAssignableFrom(t)
                    && !java.util.Set.class.isAssignableFrom(t)) {
                out.put(ENV_PREFIX + path.replace('.', '_').toUpperCase(Locale.ROOT), path);
            } else if (isStringList(c.getGenericType())) {
                out.put(ENV_PREFIX + path.replace('.', '_').toUpperCase(Locale.ROOT), path);
            }
        }
    }

    private static boolean isStringList(Type generic) {
        return generic instanceof ParameterizedType p
                && (p.getRawType() == List.class || p.getRawType() == java.util.Set.class)
                && p.getActualTypeArguments().length == 1
                && (p.getActualTypeArguments()[0] == String.class
                || p.getActualTypeArguments()[0] == StrategyKind.class
                || p.getActualTypeArguments()[0] == RefusalClass.class);
    }

    private static void put(ObjectNode tree, String path, String value) {
        String[] parts = path.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (!(child instanceof ObjectNode)) {
                child = node.putObject(parts[i]);
            }
            node = (ObjectNode) child;
        }
        String leaf = parts[parts.length - 1];
        if (value.contains(",") || isListPath(path)) {
            var array = node.putArray(leaf);
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    array.add(item.trim());
                }
            }
        } else {
            node.put(leaf, value);
        }
    }

    private static boolean isListPath(String path) {
        return path.equals("recovery.strategies") || path.equals("detection.actOn");
    }

    /** What is wrong with a value, in the config's terms (never a Java type name). */
    private static String problem(JsonMappingException e) {
        if (e instanceof ValueInstantiationException && e.getCause() != null && e.getCause().getMessage() != null) {
            return e.getCause().getMessage().lines().findFirst().orElse("");
        }
        if (e.getCause() instanceof com.fasterxml.jackson.core.exc.InputCoercionException c
                && c.getTargetType() != null) {
            Class<?> t = c.getTargetType();
            String max = t == Integer.class || t == int.class ? " (at most " + Integer.MAX_VALUE + ")"
                    : t == Long.class || t == long.class ? " (at most " + Long.MAX_VALUE + ")" : "";
            return "must be " + expected(t) + max + ", got " + numberText(c);
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            String expected = expected(m.getTargetType());
            if (e instanceof InvalidFormatException f && f.getValue() != null) {
                return "must be " + expected + ", got '" + f.getValue() + "'";
            }
            return "must be " + expected;
        }
        String msg = e.getOriginalMessage() == null ? e.toString() : e.getOriginalMessage();
        return msg.lines().findFirst().orElse(msg);
    }

    private static String numberText(com.fasterxml.jackson.core.exc.InputCoercionException c) {
        try {
            return "'" + c.getProcessor().getText() + "'";
        } catch (IOException | RuntimeException e) {
            return "a number out of range";
        }
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Duration.class) {
            return "a duration such as 250ms, 30s, 2m or 1h";
        }
        if (List.class.isAssignableFrom(type) || java.util.Set.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping of keys to values";
        }
        if (type.isEnum()) {
            return "one of " + wireNames(type.getEnumConstants(), c -> ((Enum<?>) c).name()
                    .toLowerCase(Locale.ROOT));
        }
        return "a " + type.getSimpleName().toLowerCase(Locale.ROOT);
    }

    private static <T> String wireNames(T[] values, java.util.function.Function<T, String> name) {
        return java.util.Arrays.stream(values).map(name).collect(java.util.stream.Collectors.joining(", "));
    }

    private static String pathOf(JsonMappingException e) {
        List<String> parts = new ArrayList<>();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                parts.add(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                if (parts.isEmpty()) {
                    parts.add("[" + ref.getIndex() + "]");
                } else {
                    parts.set(parts.size() - 1, parts.get(parts.size() - 1) + "[" + ref.getIndex() + "]");
                }
            }
        }
        return parts.isEmpty() ? "config" : String.join(".", parts);
    }

    private static final class DurationDeserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken().isNumeric()) {
                return Duration.ofMillis(p.getLongValue());
            }
            try {
                return Durations.parse(p.getValueAsString());
            } catch (RuntimeException e) {
                throw JsonMappingException.from(p, e.getMessage(), e);
            }
        }
    }

    private static final class WireEnumDeserializer<E extends Enum<E>> extends JsonDeserializer<E> {
        private final java.util.function.Function<String, E> parse;
        private final String allowed;

        WireEnumDeserializer(java.util.function.Function<String, E> parse, String allowed) {
            this.parse = parse;
            this.allowed = allowed;
        }

        @Override
        public E deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            try {
                return parse.apply(text);
            } catch (RuntimeException e) {
                throw JsonMappingException.from(p, "unknown value '" + text + "' (allowed: " + allowed + ")", e);
            }
        }
    }
}
