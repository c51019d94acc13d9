package dev.refusalguard.proxy.cli;

import dev.refusalguard.classifier.cli.ClassifyCommand;
import dev.refusalguard.classifier.cli.EvalCommand;
import dev.refusalguard.classifier.cli.TrainCommand;
import dev.refusalguard.policies.cli.AnalyzeCommand;
import dev.refusalguard.policies.cli.EvalIntentCommand;
import dev.refusalguard.policies.cli.TrainRequestModelsCommand;
import dev.refusalguard.proxy.audit.AuditCommand;
import dev.refusalguard.proxy.demo.DemoUpstreamCommand;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;

/** {@code java -jar refusalguard.jar COMMAND [OPTIONS]}. */
public final class Main {

    private static final String USAGE = """
            RefusalGuard: a guardrail proxy that recovers refused cyber-defense requests.

            usage: java -jar refusalguard.jar COMMAND [OPTIONS]   (COMMAND --help for its options)
              serve     run the proxy in front of your LLM API
              demo      run an embedded simulated safety-tuned upstream, the proxy and an agent; print the table
              demo-upstream  serve the simulated upstream alone (for trying serve, audit and benchmarks)
              classify  JSON Lines {"id","text"} on stdin -> refusal verdicts on stdout
              analyze   JSON Lines {"id","request"} on stdin -> category, intent, sensitive terms, rephrase
              audit     measure a model's refusal bias on a prompt set (report.json + report.html)
              train     rebuild the refusal classifier from the repository's data
              eval      evaluate the refusal classifier on labelled JSON Lines
              eval-intent           evaluate request intent and category on a labelled request set
              train-request-models  rebuild the request intent and category models from policies/data
            """;

    private Main() {
    }

    /** The first {@code --input FILE} (or {@code --input=FILE}) that names no existing file, or null. */
    static String missingInput(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String file = args[i].startsWith("--input=") ? args[i].substring("--input=".length())
                    : args[i].equals("--input") && i + 1 < args.length ? args[i + 1] : null;
            if (file != null && !java.nio.file.Files.exists(java.nio.file.Path.of(file))) {
                return file;
            }
        }
        return null;
    }

    public static void main(String[] args) {
        int code = run(args, System.in, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            case "serve" -> ServeCommand.run(rest, in, out, err);
            case "demo" -> DemoCommand.run(rest, in, out, err);
            case "demo-upstream" -> DemoUpstreamCommand.run(rest, in, out, err);
            case "classify" -> ClassifyCommand.run(rest, in, out, err);
            case "analyze" -> AnalyzeCommand.run(rest, in, out, err);
            case "eval-intent" -> EvalIntentCommand.run(rest, in, out, err);
            case "train-request-models" -> TrainRequestModelsCommand.run(rest, in, out, err);
            case "audit" -> AuditCommand.run(rest, in, out, err);
            case "train" -> TrainCommand.run(rest, in, out, err);
            case "eval" -> {
                String missing = missingInput(rest);
                if (missing != null) {
                    err.println("eval: --input " + missing + ": the file does not exist");
                    yield 2;
                }
                yield EvalCommand.run(rest, in, out, err);
            }
            default -> {
                err.println("refusalguard: unknown command '" + args[0] + "'");
                err.print(USAGE);
                yield 2;
            }
        };
    }
}
