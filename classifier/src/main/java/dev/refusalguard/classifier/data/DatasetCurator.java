package dev.refusalguard.classifier.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.refusalguard.classifier.RefusalClass;
import dev.refusalguard.classifier.text.Murmur3;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Builds the repository's refusal training data from ../shared/datasets plus the written cases. Deterministic:
 * the same inputs give byte-identical outputs. Label rules per source are documented in classifier/data/NOTICE and
 * docs/classifier.md. Run: {@code DatasetCurator <datasets-dir> [out-dir]}.
 */
public final class DatasetCurator {

    public static final String WRITTEN_SOURCE = "written-for-refusalguard";
    /** Longest text kept per row; the model reads far less, this only bounds the repository size. */
    public static final int MAX_STORED_CHARS = 1500;

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path datasets;
    private final PrintStream log;

    public DatasetCurator(Path datasets, PrintStream log) {
        this.datasets = datasets;
        this.log = log;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: DatasetCurator <datasets-dir> [out-dir (default classifier/data)]");
            return;
        }
        Path out = Path.of(args.length > 1 ? args[1] : "classifier/data");
        new DatasetCurator(Path.of(args[0]), System.out).curateTo(out);
    }

    /** Curates every source, de-duplicates, splits by prompt and writes train/validation/test JSONL to {@code out}. */
    public List<LabeledText> curateTo(Path out) throws IOException {
        List<LabeledText> all = new ArrayList<>();
        all.addAll(chatgptRefusals());
        all.addAll(refusalDirection());
        all.addAll(gptfuzz());
        all.addAll(refusalbenchBio());
        all.addAll(coconot());
        all.addAll(jbbArtifacts());
        all.addAll(new WrittenCases(20260603L).generate());
        all.addAll(new WrittenGeneralCases(20261204L).generate());
        List<LabeledText> unique = deduplicate(all);
        List<LabeledText> split = PromptSplitter.split(unique);
        Map<String, List<LabeledText>> bySplit = new TreeMap<>();
        for (LabeledText row : split) {
            bySplit.computeIfAbsent(row.split(), k -> new ArrayList<>()).add(row);
        }
        for (Map.Entry<String, List<LabeledText>> e : bySplit.entrySet()) {
            LabeledTextJsonl.write(out.resolve(e.getKey() + ".jsonl"), e.getValue());
            log.println(e.getKey() + ": " + e.getValue().size() + " rows");
        }
        return split;
    }

    static String clip(String text) {
        String t = text.strip();
        return t.length() <= MAX_STORED_CHARS ? t : t.substring(0, MAX_STORED_CHARS);
    }

    /** Stable prompt id: the hash of the lower-cased, whitespace-collapsed prompt, so equal prompts share a split. */
    static String promptId(String prompt) {
        String norm = prompt.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
        return "p" + Integer.toHexString(Murmur3.hashChars(norm, 17));
    }

    /** Keeps the first row of each normalised text; drops texts that appear with different labels. */
    static List<LabeledText> deduplicate(List<LabeledText> rows) {
        Map<String, LabeledText> first = new LinkedHashMap<>();
        Map<String, Boolean> conflicting = new HashMap<>();
        for (LabeledText row : rows) {
            String key = row.text().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
            if (key.isEmpty()) {
                continue;
            }
            LabeledText prev = first.putIfAbsent(key, row);
            if (prev != null && prev.label() != row.label()) {
                conflicting.put(key, true);
            }
        }
        List<LabeledText> out = new ArrayList<>();
        first.forEach((key, row) -> {
            if (!conflicting.containsKey(key)) {
                out.add(row);
            }
        });
        return out;
    }

    /** Human `tone` labels. complied -> compliance, rejected -> hard, redirected/counseling -> soft,
     *  disclaimed/contradicted -> partial (answers part, declines the opinion asked for), dontknow/incoherent dropped. */
    List<LabeledText> chatgptRefusals() throws IOException {
        Path file = datasets.resolve("chatgpt-refusals/data/all_hand_labeled.json");
        List<LabeledText> rows = new ArrayList<>();
        for (JsonNode n : JSON.readTree(file.toFile())) {
            String tone = n.path("tone").asText();
            RefusalClass cls = switch (tone) {
                case "complied" -> RefusalClass.COMPLIANCE;
                case "rejected" -> RefusalClass.HARD_REFUSAL;
                case "redirected", "counseling" -> RefusalClass.SOFT_REFUSAL;
                case "disclaimed", "contradicted" -> RefusalClass.PARTIAL_REFUSAL;
                default -> null;
            };
            String response = n.path("response").asText();
            if (cls != null && !response.isBlank()) {
                rows.add(new LabeledText(clip(response), cls, "chatgpt-refusals", promptId(n.path("prompt").asText()), null));
            }
        }
        return report("chatgpt-refusals", rows);
    }

    /** Automatic labels; a row is used only where the condition and both detectors agree (see NOTICE). */
    List<LabeledText> refusalDirection() throws IOException {
        Path runs = datasets.resolve("refusal-direction-completions/pipeline/runs");
        List<Path> files;
        try (Stream<Path> s = Files.walk(runs)) {
            files = s.filter(p -> p.toString().endsWith("_evaluations.json")).sorted().toList();
        }
        List<LabeledText> rows = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            JsonNode root = JSON.readTree(f.toFile());
            for (JsonNode c : root.path("completions")) {
                int substr = c.path("is_jailbreak_substring_matching").asInt(-1);
                int lg = c.has("is_jailbreak_llamaguard2") ? c.path("is_jailbreak_llamaguard2").asInt(-1) : -1;
                String response = c.path("response").asText();
                RefusalClass cls = null;
                if (name.startsWith("harmless_baseline")) {
                    cls = substr == 1 && !RefusalCueFilter.hasCue(response, 300) ? RefusalClass.COMPLIANCE : null;
                } else if (name.startsWith("harmless_actadd")) {
                    cls = substr == 0 && RefusalCueFilter.hasStrongCue(response, 200) ? RefusalClass.HARD_REFUSAL : null;
                } else if (name.startsWith("jailbreakbench_baseline")) {
                    if (substr == 0 && lg == 0) {
                        cls = RefusalClass.HARD_REFUSAL;
                    } else if (substr == 1 && lg == 1) {
                        cls = RefusalClass.COMPLIANCE;
                    }
                } else if (substr == 1 && lg == 1 && !RefusalCueFilter.hasCue(response, 300)) {
                    cls = RefusalClass.COMPLIANCE;
                }
                if (cls != null && response.strip().length() >= 2) {
                    rows.add(new LabeledText(clip(response), cls, "refusal-direction-completions",
                            promptId(c.path("prompt").asText()), null));
                }
            }
        }
        return report("refusal-direction-completions", rows);
    }

    /** Human "jailbroken" label: 1 without any refusal cue -> compliance; 0 with an explicit decline in the opening -> hard refusal. */
    List<LabeledText> gptfuzz() throws IOException {
        Map<String, String> questions = new HashMap<>();
        for (Map<String, String> q : readCsv(datasets.resolve("gptfuzz-labeled/datasets/questions/question_list.csv"))) {
            questions.put(q.get("index"), q.get("text"));
        }
        List<LabeledText> rows = new ArrayList<>();
        for (Map<String, String> r : readCsv(datasets.resolve("gptfuzz-labeled/datasets/responses_labeled/train.csv"))) {
            String response = r.getOrDefault("Response", "");
            String question = questions.getOrDefault(r.get("question"), "gptfuzz-" + r.get("question"));
            RefusalClass cls = null;
            if ("1".equals(r.get("label")) && !RefusalCueFilter.hasCue(response, 300)) {
                // A jailbroken answer that also holds a refusal (the "normal output / developer mode" pairs) is
                // ambiguous for a refusal detector: not used.
                cls = RefusalClass.COMPLIANCE;
            } else if ("0".equals(r.get("label")) && RefusalCueFilter.hasStrongCue(response, 150)) {
                cls = RefusalClass.HARD_REFUSAL;
            }
            if (cls != null && response.strip().length() >= 2) {
                rows.add(new LabeledText(clip(response), cls, "gptfuzz-labeled", promptId(question), null));
            }
        }
        return report("gptfuzz-labeled", rows);
    }

    /** 3-LLM council modal label with at least 2 of 3 judges agreeing and every judge parsed; "[CONTENT_FILTERED]" and empty rows never used. */
    List<LabeledText> refusalbenchBio() throws IOException {
        Path snap = datasets.resolve("refusalbench-bio/results/snapshots/2026-05");
        Map<String, String[]> labels = new HashMap<>();
        for (Map<String, String> a : readCsv(snap.resolve("council/adjudicated.csv"))) {
            String key = a.get("prompt_id") + "|" + a.get("model") + "|" + a.get("trial_idx");
            labels.put(key, new String[]{a.get("modal_compliance"), a.get("compliance_agreement"), a.get("any_parse_failed")});
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(snap.resolve("eval"))) {
            files = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        List<LabeledText> rows = new ArrayList<>();
        for (Path f : files) {
            for (Map<String, String> r : readCsv(f)) {
                String text = r.getOrDefault("response_text", "");
                if (text.isBlank() || text.strip().equals("[CONTENT_FILTERED]")) {
                    continue;
                }
                String[] lab = labels.get(r.get("prompt_id") + "|" + r.get("model") + "|" + r.get("trial_idx"));
                // A judge whose output failed to parse leaves the modal label on fewer than three votes: unused.
                if (lab == null || parseDouble(lab[1]) < 0.66 || "True".equalsIgnoreCase(lab[2])) {
                    continue;
                }
                RefusalClass cls = switch (lab[0]) {
                    case "compliance" -> RefusalClass.COMPLIANCE;
                    case "partial_compliance" -> RefusalClass.PARTIAL_REFUSAL;
                    case "direct_refusal" -> RefusalClass.HARD_REFUSAL;
                    case "indirect_refusal" -> RefusalClass.SOFT_REFUSAL;
                    default -> null;
                };
                if (cls == null || contradictsOpening(cls, text)) {
                    continue;
                }
                // Keep the repository small: every refusal, and a deterministic ~1 in 3 of the long compliant and
                // partial answers (hash of prompt, model, trial).
                if (cls == RefusalClass.COMPLIANCE || cls == RefusalClass.PARTIAL_REFUSAL) {
                    int h = Murmur3.hashChars(r.get("prompt_id") + r.get("model") + r.get("trial_idx"), 5);
                    if (Math.floorMod(h, 3) != 0) {
                        continue;
                    }
                }
                rows.add(new LabeledText(clip(text), cls, "refusalbench-bio", "rb-" + r.get("prompt_id"), null));
            }
        }
        return report("refusalbench-bio", rows);
    }

    /**
     * A refusalbench-bio council label that the text itself contradicts, so the row is ambiguous and unused (every
     * split alike): a partial_compliance answer that opens with an explicit decline of what was asked ("I cannot
     * provide a computational strategy for ... I can, however, discuss the general principles") has the same shape as
     * the rows the council calls indirect_refusal, and by this project's definitions generic material instead of the
     * specific help asked is a soft refusal; a refusal label on a text with no refusal cue anywhere (e.g. a complete
     * analysis pipeline in code) is the judge noise SOURCE.md reports.
     */
    static boolean contradictsOpening(RefusalClass cls, String text) {
        return switch (cls) {
            case PARTIAL_REFUSAL -> RefusalCueFilter.hasStrongCue(text, 200);
            case HARD_REFUSAL, SOFT_REFUSAL -> !RefusalCueFilter.hasCue(text, MAX_STORED_CHARS);
            case COMPLIANCE -> false;
        };
    }

    /** chosen (GPT-4 compliant) -> compliance; rejected only with an explicit decline in the first 100 chars -> hard refusal. */
    List<LabeledText> coconot() throws IOException {
        List<LabeledText> rows = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(datasets.resolve("coconot/data/coconot_pref.jsonl"), StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(line);
                String pid = promptId(n.path("prompt").asText());
                String chosen = n.path("chosen").asText();
                String rejected = n.path("rejected").asText();
                if (!chosen.isBlank() && !RefusalCueFilter.hasCue(chosen, 200)) {
                    rows.add(new LabeledText(clip(chosen), RefusalClass.COMPLIANCE, "coconot", pid, null));
                }
                // A decline followed by "but I can ..." is a capability disclaimer or a hedge that then answers: unused.
                if (!rejected.isBlank() && RefusalCueFilter.hasStrongCue(rejected, 100)
                        && !RefusalCueFilter.hasOfferAfterDecline(rejected, 300)) {
                    rows.add(new LabeledText(clip(rejected), RefusalClass.HARD_REFUSAL, "coconot", pid, null));
                }
            }
        }
        return report("coconot", rows);
    }

    /** Automatic judge + LlamaGuard agree; "not jailbroken" becomes a hard refusal only with an explicit decline. */
    List<LabeledText> jbbArtifacts() throws IOException {
        Path root = datasets.resolve("jbb-artifacts/attack-artifacts");
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> !p.toString().contains("test-artifact"))
                    .filter(p -> !p.getFileName().toString().equals("attack-info.json"))
                    .filter(p -> !p.getFileName().toString().equals("evaluation.json"))
                    .filter(p -> !p.getFileName().toString().equals("submission.json"))
                    .sorted(Comparator.comparing(Path::toString)).toList();
        }
        List<LabeledText> rows = new ArrayList<>();
        for (Path f : files) {
            for (JsonNode j : JSON.readTree(f.toFile()).path("jailbreaks")) {
                JsonNode resp = j.get("response");
                if (resp == null || resp.isNull() || resp.asText().strip().length() < 2) {
                    continue;
                }
                String text = resp.asText();
                boolean jb = j.path("jailbroken").asBoolean(false);
                JsonNode lgNode = j.get("jailbroken_llama_guard1");
                Boolean lg = lgNode == null || lgNode.isNull() ? null : lgNode.asBoolean();
                RefusalClass cls = null;
                if (jb && Boolean.TRUE.equals(lg) && !RefusalCueFilter.hasCue(text, 200)) {
                    cls = RefusalClass.COMPLIANCE;
                } else if (!jb && Boolean.FALSE.equals(lg) && RefusalCueFilter.hasStrongCue(text, 200)) {
                    cls = RefusalClass.HARD_REFUSAL;
                }
                if (cls != null) {
                    rows.add(new LabeledText(clip(text), cls, "jbb-artifacts", promptId(j.path("goal").asText()), null));
                }
            }
        }
        return report("jbb-artifacts", rows);
    }

    private List<LabeledText> report(String source, List<LabeledText> rows) {
        Map<RefusalClass, Integer> counts = new TreeMap<>();
        rows.forEach(r -> counts.merge(r.label(), 1, Integer::sum));
        log.println(source + ": " + rows.size() + " " + counts);
        return rows;
    }

    private static double parseDouble(String s) {
        try {
            return Double.parseDouble(s);
        } catch (RuntimeException e) {
            return 0.0;
        }
    }

    private static List<Map<String, String>> readCsv(Path file) throws IOException {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        List<Map<String, String>> out = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = mapper.readerFor(Map.class).with(schema).readValues(file.toFile())) {
            while (it.hasNext()) {
                out.add(it.next());
            }
        }
        return out;
    }
}
