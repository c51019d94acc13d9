package dev.refusalguard.policies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Sensitive terms and their neutral equivalents, per task category, loaded from YAML.
 *
 * <p>Format (see docs/policies.md):
 * <pre>
 * version: 1
 * categories:
 *   all:                        # applies to every category
 *     - term: exploit           # canonical, lower case
 *       neutral: proof of concept
 *       plural: exploits        # optional, default: regular English plural
 *       neutral_plural: proofs of concept  # optional, default: regular plural of the last word
 *       countable: true         # optional, default true; false = no plural form
 *       acronym: false          # optional; true = case of the original does not style the replacement
 *       forms:                  # optional, other surface forms and their neutral text
 *         exploited: triggered
 *       keep: [exploit db]      # optional, longer forms that are not sensitive: left as written, not reported
 *   malware_analysis:           # a TaskCategory wire name: entries here override 'all' for the same term
 *     - term: payload
 *       neutral: embedded component
 * </pre>
 * Validation names the bad key (for example {@code categories.all[3].neutral: required}). Neutral texts must not
 * themselves contain a sensitive term, which keeps rephrasing idempotent.
 */
public final class SensitiveTermLexicon {

    /** Classpath location of the default lexicon. */
    public static final String DEFAULT_RESOURCE = "/dev/refusalguard/policies/lexicon.yaml";

    private static final String ALL = "all";
    private static final Set<String> ROOT_KEYS = Set.of("version", "categories");
    private static final Set<String> ENTRY_KEYS = Set.of("term", "neutral", "plural", "neutral_plural", "countable",
            "acronym", "forms", "keep");
    private static final Pattern TERM_SYNTAX = Pattern.compile("[a-z0-9&][a-z0-9&' -]*[a-z0-9&]|[a-z0-9]");
    private static final Pattern NEUTRAL_SYNTAX = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ,-]*[\\p{L}]|[\\p{L}]");

    private final Map<TaskCategory, List<LexiconEntry>> byCategory;
    private final Set<String> canonicalTerms;

    private SensitiveTermLexicon(Map<TaskCategory, List<LexiconEntry>> byCategory) {
        this.byCategory = Collections.unmodifiableMap(byCategory);
        Set<String> terms = new TreeSet<>();
        byCategory.values().forEach(list -> list.forEach(e -> terms.add(e.term())));
        this.canonicalTerms = Collections.unmodifiableSet(terms);
    }

    /** The lexicon shipped in the jar ({@value #DEFAULT_RESOURCE}). */
    public static SensitiveTermLexicon loadDefault() {
        try (InputStream in = SensitiveTermLexicon.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("lexicon resource missing: " + DEFAULT_RESOURCE);
            }
            return parse(in, DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULT_RESOURCE, e);
        }
    }

    /** Loads and validates a lexicon file. */
    public static SensitiveTermLexicon load(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return parse(in, path.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read lexicon " + path, e);
        }
    }

    /** Parses and validates lexicon YAML; {@code source} is used in error messages. */
    public static SensitiveTermLexicon parse(InputStream yaml, String source) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        try {
            return fromTree(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        } finally {
            FORM_KEYS.remove();
        }
    }

    /** Effective entries for a category: the category's own entries plus every 'all' entry it does not override. */
    public List<LexiconEntry> entries(TaskCategory category) {
        return byCategory.get(category);
    }

    /** Every canonical term, sorted. */
    public Set<String> canonicalTerms() {
        return canonicalTerms;
    }

    private static SensitiveTermLexicon fromTree(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("root: expected a mapping with 'version' and 'categories'");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!ROOT_KEYS.contains(key)) {
                throw new IllegalArgumentException(key + ": unknown key (expected one of " + new TreeSet<>(ROOT_KEYS) + ")");
            }
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isInt() || version.asInt() != 1) {
            throw new IllegalArgumentException("version: must be 1");
        }
        JsonNode categories = root.get("categories");
        if (categories == null || !categories.isObject()) {
            throw new IllegalArgumentException("categories: required mapping of category name to a list of terms");
        }
        Map<String, List<LexiconEntry>> declared = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = categories.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            String path = "categories." + name;
            if (!ALL.equals(name)) {
                categoryOf(name, path);
            }
            JsonNode list = field.getValue();
            if (!list.isArray()) {
                throw new IllegalArgumentException(path + ": expected a list of terms");
            }
            List<LexiconEntry> entries = new ArrayList<>();
            Set<String> seen = new TreeSet<>();
            for (int i = 0; i < list.size(); i++) {
                LexiconEntry entry = entry(list.get(i), path + "[" + i + "]");
                if (!seen.add(entry.term())) {
                    throw new IllegalArgumentException(path + "[" + i + "].term: duplicate term '" + entry.term() + "'");
                }
                entries.add(entry);
            }
            declared.put(name, entries);
        }
        Map<TaskCategory, List<LexiconEntry>> effective = new EnumMap<>(TaskCategory.class);
        for (TaskCategory category : TaskCategory.values()) {
            Map<String, LexiconEntry> merged = new LinkedHashMap<>();
            declared.getOrDefault(ALL, List.of()).forEach(e -> merged.put(e.term(), e));
            declared.getOrDefault(category.wireName(), List.of()).forEach(e -> merged.put(e.term(), e));
            Map<String, String> owner = new LinkedHashMap<>();
            for (LexiconEntry e : merged.values()) {
                for (String form : e.forms().keySet()) {
                    String previous = owner.putIfAbsent(form, e.term());
                    if (previous != null && !previous.equals(e.term())) {
                        throw new IllegalArgumentException("categories: surface form '" + form + "' of term '"
                                + e.term() + "' is also a form of '" + previous + "' (category " + category.wireName() + ")");
                    }
                }
            }
            effective.put(category, List.copyOf(merged.values()));
        }
        checkNeutralsAreNeutral(declared);
        checkNeutralsDoNotJoin(declared);
        return new SensitiveTermLexicon(effective);
    }

    private static void checkNeutralsAreNeutral(Map<String, List<LexiconEntry>> declared) {
        Set<String> allForms = new TreeSet<>();
        declared.values().forEach(list -> list.forEach(e -> allForms.addAll(e.forms().keySet())));
        for (Map.Entry<String, List<LexiconEntry>> category : declared.entrySet()) {
            List<LexiconEntry> entries = category.getValue();
            for (int i = 0; i < entries.size(); i++) {
                for (Map.Entry<String, String> form : entries.get(i).forms().entrySet()) {
                    String neutral = " " + normalize(form.getValue()) + " ";
                    for (String sensitive : allForms) {
                        if (containsWord(neutral, sensitive)) {
                            throw new IllegalArgumentException(neutralKey(category.getKey(), i, entries.get(i), form.getKey())
                                    + ": '" + form.getValue() + "' (for '" + form.getKey()
                                    + "') contains the sensitive term '" + sensitive + "'");
                        }
                    }
                }
            }
        }
    }

    /**
     * A neutral text must not join with a neighbouring word into a multi-word sensitive term (its last words must
     * not begin one, its first words must not end one) and none of its words may be a command name (which would
     * turn prose into a protected command line on a second pass). Both keep rephrasing idempotent.
     */
    private static void checkNeutralsDoNotJoin(Map<String, List<LexiconEntry>> declared) {
        Set<String> allForms = new TreeSet<>();
        declared.values().forEach(list -> list.forEach(e -> allForms.addAll(e.forms().keySet())));
        for (Map.Entry<String, List<LexiconEntry>> category : declared.entrySet()) {
            List<LexiconEntry> entries = category.getValue();
            for (int i = 0; i < entries.size(); i++) {
                for (Map.Entry<String, String> form : entries.get(i).forms().entrySet()) {
                    String path = neutralKey(category.getKey(), i, entries.get(i), form.getKey());
                    String[] words = normalize(form.getValue()).replace(',', ' ').trim().split(" +");
                    for (String word : words) {
                        if (EvidenceSpans.isKnownBinary(word)) {
                            throw new IllegalArgumentException(path + ": '" + form.getValue()
                                    + "' contains the command name '" + word + "'");
                        }
                    }
                    for (String sensitive : allForms) {
                        String[] parts = sensitive.split(" ");
                        for (int cut = 1; cut < parts.length; cut++) {
                            if (endsWithWords(words, parts, 0, cut) || startsWithWords(words, parts, cut, parts.length)) {
                                throw new IllegalArgumentException(path + ": '" + form.getValue()
                                        + "' could join a neighbouring word into the sensitive term '" + sensitive + "'");
                            }
                        }
                    }
                }
            }
        }
    }

    /** YAML key suffix (".neutral", ".neutral_plural", ".forms.x") of each surface form, per parsed entry. */
    private static final ThreadLocal<Map<LexiconEntry, Map<String, String>>> FORM_KEYS =
            ThreadLocal.withInitial(java.util.IdentityHashMap::new);

    /** The YAML key holding the neutral text of a surface form. */
    private static String neutralKey(String category, int index, LexiconEntry entry, String form) {
        String suffix = FORM_KEYS.get().getOrDefault(entry, Map.of()).getOrDefault(form, ".neutral");
        return "categories." + category + "[" + index + "]" + suffix;
    }

    private static boolean endsWithWords(String[] words, String[] parts, int from, int to) {
        int n = to - from;
        if (words.length < n) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (!words[words.length - n + k].equals(parts[from + k])) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWithWords(String[] words, String[] parts, int from, int to) {
        int n = to - from;
        if (words.length < n) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (!words[k].equals(parts[from + k])) {
                return false;
            }
        }
        return true;
    }

    private static boolean containsWord(String paddedNeutral, String form) {
        String padded = paddedNeutral.replace('-', ' ').replace(',', ' ');
        return padded.contains(" " + form + " ");
    }

    private static LexiconEntry entry(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(path + ": expected a mapping with 'term' and 'neutral'");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!ENTRY_KEYS.contains(key)) {
                throw new IllegalArgumentException(path + "." + key + ": unknown key (expected one of "
                        + new TreeSet<>(ENTRY_KEYS) + ")");
            }
        }
        String term = requiredText(node, "term", path);
        if (!TERM_SYNTAX.matcher(term).matches()) {
            throw new IllegalArgumentException(path + ".term: '" + term
                    + "' must be lower case letters, digits, spaces, '&', apostrophes or hyphens");
        }
        String neutral = neutralText(node, "neutral", path, true);
        boolean countable = bool(node, "countable", path, true);
        boolean acronym = bool(node, "acronym", path, false);
        Map<String, String> forms = new LinkedHashMap<>();
        Map<String, String> keys = new LinkedHashMap<>();
        forms.put(normalize(term), neutral);
        keys.put(normalize(term), ".neutral");
        if (countable) {
            String plural = node.has("plural") ? requiredText(node, "plural", path) : pluralOf(term);
            if (!TERM_SYNTAX.matcher(plural).matches()) {
                throw new IllegalArgumentException(path + ".plural: '" + plural + "' must be lower case");
            }
            String neutralPlural = node.has("neutral_plural")
                    ? neutralText(node, "neutral_plural", path, true) : pluralOfLastWord(neutral);
            if (forms.putIfAbsent(normalize(plural), neutralPlural) == null) {
                keys.put(normalize(plural), node.has("neutral_plural") ? ".neutral_plural" : ".neutral");
            }
        } else if (node.has("plural") || node.has("neutral_plural")) {
            throw new IllegalArgumentException(path + ".plural: not allowed when countable is false");
        }
        JsonNode extra = node.get("forms");
        if (extra != null) {
            if (!extra.isObject()) {
                throw new IllegalArgumentException(path + ".forms: expected a mapping of surface form to neutral text");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = extra.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                String formPath = path + ".forms." + f.getKey();
                if (!TERM_SYNTAX.matcher(f.getKey()).matches()) {
                    throw new IllegalArgumentException(formPath + ": surface form must be lower case");
                }
                if (!f.getValue().isTextual() || f.getValue().asText().isBlank()) {
                    throw new IllegalArgumentException(formPath + ": neutral text required");
                }
                String value = f.getValue().asText().trim();
                if (!NEUTRAL_SYNTAX.matcher(value).matches()) {
                    throw new IllegalArgumentException(formPath + ": neutral text '" + value
                            + "' must start with a letter or digit, end with a letter and hold only letters, digits, spaces, commas and hyphens");
                }
                if (forms.putIfAbsent(normalize(f.getKey()), value) != null) {
                    throw new IllegalArgumentException(formPath + ": duplicate surface form");
                }
                keys.put(normalize(f.getKey()), ".forms." + f.getKey());
            }
        }
        Set<String> keep = new TreeSet<>();
        JsonNode kept = node.get("keep");
        if (kept != null) {
            if (!kept.isArray()) {
                throw new IllegalArgumentException(path + ".keep: expected a list of surface forms left as written");
            }
            for (int k = 0; k < kept.size(); k++) {
                String keepPath = path + ".keep[" + k + "]";
                JsonNode v = kept.get(k);
                if (!v.isTextual() || !TERM_SYNTAX.matcher(v.asText().trim()).matches()) {
                    throw new IllegalArgumentException(keepPath + ": must be a lower-case surface form");
                }
                String form = normalize(v.asText());
                if (forms.containsKey(form) || !keep.add(form)) {
                    throw new IllegalArgumentException(keepPath + ": duplicate surface form '" + form + "'");
                }
            }
        }
        LexiconEntry entry = new LexiconEntry(term, forms, acronym, keep);
        FORM_KEYS.get().put(entry, keys);
        return entry;
    }

    private static String requiredText(JsonNode node, String key, String path) {
        JsonNode v = node.get(key);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(path + "." + key + ": required text");
        }
        return v.asText().trim();
    }

    private static String neutralText(JsonNode node, String key, String path, boolean required) {
        String value = requiredText(node, key, path);
        if (!NEUTRAL_SYNTAX.matcher(value).matches()) {
            throw new IllegalArgumentException(path + "." + key + ": '" + value
                    + "' must start with a letter or digit, end with a letter and hold only letters, digits, spaces, commas and hyphens");
        }
        return value;
    }

    private static boolean bool(JsonNode node, String key, String path, boolean dflt) {
        JsonNode v = node.get(key);
        if (v == null) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException(path + "." + key + ": expected true or false");
        }
        return v.asBoolean();
    }

    private static TaskCategory categoryOf(String name, String path) {
        for (TaskCategory c : TaskCategory.values()) {
            if (c.wireName().equals(name)) {
                return c;
            }
        }
        List<String> names = new ArrayList<>();
        names.add(ALL);
        for (TaskCategory c : TaskCategory.values()) {
            names.add(c.wireName());
        }
        throw new IllegalArgumentException(path + ": unknown category (expected one of " + names + ")");
    }

    /** Lower case, runs of spaces and hyphens collapsed to one space: the key of a surface form. */
    static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).trim().replaceAll("[\\s-]+", " ");
    }

    static String pluralOf(String word) {
        if (word.endsWith("s") || word.endsWith("x") || word.endsWith("z") || word.endsWith("ch") || word.endsWith("sh")) {
            return word + "es";
        }
        if (word.length() > 1 && word.endsWith("y") && "aeiou".indexOf(word.charAt(word.length() - 2)) < 0) {
            return word.substring(0, word.length() - 1) + "ies";
        }
        return word + "s";
    }

    static String pluralOfLastWord(String phrase) {
        int space = phrase.lastIndexOf(' ');
        return space < 0 ? pluralOf(phrase) : phrase.substring(0, space + 1) + pluralOf(phrase.substring(space + 1));
    }
}
