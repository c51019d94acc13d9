package dev.refusalguard.proxy.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refusalguard.policies.TaskCategory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Rebuilds the bundled demo data (prompts.jsonl, refusals.jsonl) from the shared datasets, exactly as the
 * NOTICE describes. A developer tool, not a test (the datasets are not part of the repository):
 *
 * <pre>
 * mvn -pl proxy test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -cp "proxy/target/test-classes:proxy/target/classes:$(cat proxy/cp.txt)" \
 *     dev.refusalguard.proxy.demo.DemoDataBuilder /work/shared/datasets proxy/src/main/resources/dev/refusalguard/proxy/demo
 * </pre>
 */
public final class DemoDataBuilder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoDataBuilder() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: DemoDataBuilder DATASETS_DIR OUTPUT_DIR");
            System.exit(2);
        }
        Path datasets = Path.of(args[0]);
        Path out = Path.of(args[1]);
        List<String> prompts = prompts(datasets);
        Files.write(out.resolve(DemoPromptSet.RESOURCE), prompts, StandardCharsets.UTF_8);
        List<String> refusals = refusals(datasets);
        Files.write(out.resolve(RefusalTexts.RESOURCE), refusals, StandardCharsets.UTF_8);
        System.out.println("prompts " + prompts.size() + ", refusals " + refusals.size());
    }

    // ---- prompts ---------------------------------------------------------------------------------------------

    private record Candidate(String id, String source, String sourceRef, String framing, boolean offensive,
                             String text, String tactic) {
    }

    static List<String> prompts(Path datasets) throws IOException {
        List<String> lines = new ArrayList<>();
        Map<TaskCategory, Integer> frrSeen = new HashMap<>();
        Map<String, Integer> perTactic = new HashMap<>();
        for (Candidate c : candidates(datasets)) {
            TaskCategory category = CategoryTagger.tag(c.text());
            if (c.offensive()) {
                if (!OffensiveMarkers.isOffensive(c.text()) || perTactic.merge(c.tactic(), 1, Integer::sum) > 5) {
                    continue;
                }
            } else if (c.source().equals("cyberseceval-frr")) {
                int k = frrSeen.merge(category, 1, Integer::sum);
                if (category == TaskCategory.SYSTEM_HARDENING && k % 5 != 1
                        || category == TaskCategory.NETWORK_DEFENSE && k % 2 != 1) {
                    continue;
                }
            }
            List<String> terms = SensitiveTerms.find(c.text());
            ObjectNode o = JSON.createObjectNode();
            o.put("id", c.id()).put("source", c.source()).put("source_ref", c.sourceRef()).put("framing", c.framing())
                    .put("offensive", c.offensive()).put("category", category.wireName())
                    .put("sensitive", !terms.isEmpty());
            o.set("sensitive_terms", JSON.valueToTree(terms));
            o.put("text", c.text());
            lines.add(JSON.writeValueAsString(o));
        }
        return lines;
    }

    private static List<Candidate> candidates(Path datasets) throws IOException {
        List<Candidate> all = new ArrayList<>();
        JsonNode frr = read(datasets.resolve("cyberseceval-frr/CybersecurityBenchmarks/datasets/mitre_frr/mitre_frr.json"));
        for (int i = 0; i < frr.size(); i++) {
            all.add(new Candidate(String.format(Locale.ROOT, "frr-%04d", i), "cyberseceval-frr",
                    "mitre_frr.json[" + i + "]", "none", false, frr.get(i).path("mutated_prompt").asText().strip(), null));
        }
        Path soc = datasets.resolve("cybersoceval/CybersecurityBenchmarks/datasets/crwd_meta");
        JsonNode malware = read(soc.resolve("malware_analysis/questions.json"));
        for (int i = 0; i < malware.size(); i += 10) {
            all.add(new Candidate(String.format(Locale.ROOT, "soc-mal-%04d", i), "cybersoceval",
                    "malware_analysis/questions.json[" + i + "]", "none", false,
                    malware.get(i).path("question").asText().strip(), null));
        }
        JsonNode intel = read(soc.resolve("threat_intel_reasoning/report_questions.json"));
        for (int i = 0; i < intel.size(); i += 15) {
            all.add(new Candidate(String.format(Locale.ROOT, "soc-ti-%04d", i), "cybersoceval",
                    "threat_intel_reasoning/report_questions.json[" + i + "]", "none", false,
                    intel.get(i).path("question_text").asText().strip(), null));
        }
        int n = 0;
        for (Path file : sorted(datasets.resolve("excytin-bench/secgym/questions/test"))) {
            JsonNode rows = read(file);
            for (int i = 0; i < rows.size(); i += 10) {
                String context = rows.get(i).path("context").asText().strip();
                String question = rows.get(i).path("question").asText().strip();
                boolean logSearch = n % 2 == 1;
                String text = logSearch
                        ? "Search the sign-in logs and process event logs to answer: " + question
                                + "\n\nAlert summary: " + context
                        : context + "\n\n" + question;
                all.add(new Candidate(String.format(Locale.ROOT, "excytin-%04d", n), "excytin-bench",
                        "questions/test/" + file.getFileName() + "[" + i + "]", logSearch ? "log-search" : "none",
                        false, text, null));
                n++;
            }
        }
        JsonNode mitre = read(datasets.resolve(
                "cyberseceval-mitre/CybersecurityBenchmarks/datasets/mitre/mitre_benchmark_100_per_category.json"));
        for (int i = 0; i < mitre.size(); i++) {
            JsonNode row = mitre.get(i);
            if (row.has("user_prompt")) {
                String tactic = row.path("category").asText();
                all.add(new Candidate(String.format(Locale.ROOT, "mitre-%04d", i), "cyberseceval-mitre",
                        "mitre_benchmark_100_per_category.json[" + i + "] (" + tactic + ")", "none", true,
                        row.path("user_prompt").asText().strip(), tactic));
            }
        }
        return all;
    }

    // ---- refusals --------------------------------------------------------------------------------------------

    private static final Set<String> STOP = Set.of("about", "which", "their", "there", "these", "those", "would",
            "could", "should", "other", "write", "create", "provide", "explain", "using", "based");
    private static final Pattern WORD5 = Pattern.compile("[a-z]{5,}");
    private static final Pattern CHATGPT_OFF_TOPIC = Pattern.compile(
            "violence|poem|politic|sexual|medical|opinion|emotion|religio|harass|discriminat|offensive",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern GENERIC_REFUSAL = Pattern.compile("illegal|harmful|unethical|ethical guidelines"
            + "|content policy|OpenAI's|cannot (?:assist|fulfill|help|comply)|not able to (?:assist|help)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TOPICAL = Pattern.compile("bomb|suicid|self-harm|tax|css|politic|environment"
            + "|ethnic|racial|appearance|minor|election|substance|violen|hate|conspirac|game|learn|stereotyp|speculat"
            + "|generaliz|smoothie|mental|drug|weapon|sexual|discriminat|offensive|positivity|productivity|sustainab"
            + "|unconstitutional|question\\.|topic|respectful|infrastructure|explosive|apolog|children|story|poem|song"
            + "|recipe|financial|medical|health|animal|person|individual|someone|privacy|law\\b|legal advice|manipulat"
            + "|dangerous|harm or|bully|academic|code|content that|generate|create|write|product|tea\\b|patients"
            + "|explicit|therapist|fake news|human rights|culturally|keep data safe|enraged"
            + "|such as illegal activities such as|extortion", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAMES_A_TOPIC = Pattern.compile(", including (?!those)|, such as (?!providing)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern REFUSAL_OPENING = Pattern.compile("^(I|As an AI|I'm|I am)");

    static List<String> refusals(Path datasets) throws IOException {
        List<ObjectNode> kept = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Path runs = datasets.resolve("refusal-direction-completions/pipeline/runs");
        for (Path file : sortedRecursive(runs)) {
            String name = file.getFileName().toString();
            String kind = name.replace("_evaluations.json", "");
            if (!kind.equals("harmless_actadd") && !kind.equals("jailbreakbench_baseline")) {
                continue;
            }
            String model = runs.relativize(file).getName(0).toString();
            JsonNode completions = read(file).path("completions");
            for (int i = 0; i < completions.size(); i++) {
                JsonNode c = completions.get(i);
                if (c.path("is_jailbreak_substring_matching").asInt() == 0) {
                    add(kept, seen, "refusal-direction-completions",
                            "pipeline/runs/" + model + "/completions/" + name + " completions[" + i + "]", model,
                            "substring-refusal", c.path("prompt").asText(), c.path("response").asText());
                }
            }
        }
        JsonNode chatgpt = read(datasets.resolve("chatgpt-refusals/data/all_hand_labeled.json"));
        for (int i = 0; i < chatgpt.size(); i++) {
            JsonNode r = chatgpt.get(i);
            if (r.path("tone").asText().equals("rejected") && !CHATGPT_OFF_TOPIC.matcher(r.path("response").asText()).find()) {
                add(kept, seen, "chatgpt-refusals", "data/all_hand_labeled.json[" + i + "]", "gpt-3.5-turbo",
                        "tone=rejected", r.path("prompt").asText(), r.path("response").asText());
            }
        }
        Map<String, Integer> perModel = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        for (ObjectNode r : kept) {
            String text = r.path("text").asText();
            if (!GENERIC_REFUSAL.matcher(text).find() || TOPICAL.matcher(text).find()
                    || NAMES_A_TOPIC.matcher(text).find() || !REFUSAL_OPENING.matcher(text).find()
                    || text.length() > 400) {
                continue;
            }
            if (perModel.merge(r.path("model").asText(), 1, Integer::sum) > 15) {
                continue;
            }
            ObjectNode o = JSON.createObjectNode().put("id", String.format(Locale.ROOT, "refusal-%03d", lines.size()));
            o.setAll(r);
            lines.add(JSON.writeValueAsString(o));
        }
        return lines;
    }

    private static void add(List<ObjectNode> kept, Set<String> seen, String source, String ref, String model,
                            String label, String prompt, String response) {
        String clipped = clip(response);
        if (clipped.length() < 25 || seen.contains(clipped) || !generic(prompt, clipped)
                || !clipped.chars().allMatch(ch -> ch < 0x80)) {
            return;
        }
        seen.add(clipped);
        kept.add(JSON.createObjectNode().put("source", source).put("source_ref", ref).put("model", model)
                .put("label", label).put("text", clipped));
    }

    /** The first sentences, up to about 160 characters (never past 320), chat-template artifacts removed. */
    static String clip(String response) {
        int artifact = response.indexOf("assistant\n");
        String t = (artifact >= 0 ? response.substring(0, artifact) : response).replace("**", "").strip();
        String out = "";
        for (String sentence : t.split("(?<=[.!?])\\s+")) {
            String s = sentence.strip();
            if (s.isEmpty()) {
                continue;
            }
            if (out.length() + s.length() > 320 && !out.isEmpty()) {
                break;
            }
            out = (out + " " + s).strip();
            if (out.length() > 160) {
                break;
            }
        }
        return out;
    }

    /** True when the refusal shares no content word (5+ letters) with the prompt that produced it. */
    static boolean generic(String prompt, String text) {
        Set<String> promptWords = words(prompt);
        promptWords.removeAll(STOP);
        promptWords.retainAll(words(text));
        return promptWords.isEmpty();
    }

    private static Set<String> words(String s) {
        Set<String> words = new HashSet<>();
        Matcher m = WORD5.matcher(s.toLowerCase(Locale.ROOT));
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }

    private static JsonNode read(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    private static List<Path> sorted(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static List<Path> sortedRecursive(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith("_evaluations.json")).sorted().toList();
        }
    }
}
