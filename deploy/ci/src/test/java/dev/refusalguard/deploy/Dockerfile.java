package dev.refusalguard.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Dockerfile read into instructions (continuations joined, comments dropped) grouped by stage. */
final class Dockerfile {

    /** One instruction: keyword upper-cased and the rest of the logical line. */
    record Instruction(String keyword, String arguments) {
    }

    /** One build stage: the image it starts FROM (ARG defaults substituted) and its instructions. */
    record Stage(String image, String alias, List<Instruction> instructions) {

        List<String> arguments(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
        }
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    private final Map<String, String> globalArgs;
    private final List<Stage> stages;

    private Dockerfile(Map<String, String> globalArgs, List<Stage> stages) {
        this.globalArgs = Map.copyOf(globalArgs);
        this.stages = List.copyOf(stages);
    }

    static Dockerfile read(Path file) {
        List<String> logical = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        try {
            for (String raw : Files.readAllLines(file)) {
                String line = raw.strip();
                if (line.startsWith("#") || (line.isEmpty() && current.length() == 0)) {
                    continue;
                }
                if (line.endsWith("\\")) {
                    current.append(line, 0, line.length() - 1).append(' ');
                } else {
                    current.append(line);
                    if (!current.toString().isBlank()) {
                        logical.add(current.toString().strip());
                    }
                    current.setLength(0);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, String> args = new LinkedHashMap<>();
        List<Stage> stages = new ArrayList<>();
        List<Instruction> instructions = null;
        for (String line : logical) {
            int space = line.indexOf(' ');
            String keyword = (space < 0 ? line : line.substring(0, space)).toUpperCase();
            String rest = space < 0 ? "" : line.substring(space + 1).strip();
            if (keyword.equals("FROM")) {
                String[] words = rest.split("\\s+");
                List<String> parts = new ArrayList<>();
                for (String w : words) {
                    if (!w.startsWith("--")) {
                        parts.add(w);
                    }
                }
                String image = substitute(parts.get(0), args);
                String alias = parts.size() >= 3 && parts.get(1).equalsIgnoreCase("AS") ? parts.get(2) : null;
                instructions = new ArrayList<>();
                stages.add(new Stage(image, alias, instructions));
            } else if (instructions == null) {
                if (keyword.equals("ARG")) {
                    int eq = rest.indexOf('=');
                    if (eq > 0) {
                        args.put(rest.substring(0, eq), rest.substring(eq + 1));
                    }
                }
            } else {
                instructions.add(new Instruction(keyword, rest));
            }
        }
        return new Dockerfile(args, stages);
    }

    private static String substitute(String text, Map<String, String> args) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            m.appendReplacement(out, Matcher.quoteReplacement(args.getOrDefault(name, m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    Map<String, String> globalArgs() {
        return globalArgs;
    }

    List<Stage> stages() {
        return stages;
    }

    Stage finalStage() {
        return stages.get(stages.size() - 1);
    }
}
