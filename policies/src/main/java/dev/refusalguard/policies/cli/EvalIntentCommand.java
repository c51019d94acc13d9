package dev.refusalguard.policies.cli;

import dev.refusalguard.policies.RequestAnalyzer;
import dev.refusalguard.policies.model.IntentEvaluation;
import dev.refusalguard.policies.model.LabeledRequest;
import dev.refusalguard.policies.model.LabeledRequests;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code eval-intent [--data FILE] [--require-targets]}: runs the default request analyzer on the held-out labelled
 * set (default policies/data/intent-eval.jsonl) and prints the intent gate targets: offensive let through,
 * defensive passed, category accuracy. With --require-targets the exit code is 1 when a target is missed.
 */
public final class EvalIntentCommand {

    private EvalIntentCommand() {
    }

    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        Path data = Path.of("policies/data/intent-eval.jsonl");
        boolean require = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> {
                    if (i + 1 >= args.length) {
                        err.println("eval-intent: --data needs a file");
                        return 2;
                    }
                    data = Path.of(args[++i]);
                }
                case "--require-targets" -> require = true;
                case "--help" -> {
                    out.println("usage: eval-intent [--data FILE] [--require-targets]");
                    return 0;
                }
                default -> {
                    err.println("eval-intent: unknown argument " + args[i]);
                    return 2;
                }
            }
        }
        List<LabeledRequest> rows;
        try {
            rows = LabeledRequests.read(data);
        } catch (IOException | IllegalArgumentException e) {
            err.println("eval-intent: cannot read " + data + ": " + e.getMessage());
            return 2;
        }
        IntentEvaluation e = IntentEvaluation.run(RequestAnalyzer.loadDefault(), rows);
        out.print(e.report());
        return require && !e.targetsMet() ? 1 : 0;
    }

    /** Stand-alone entry point (scripts, CI); the proxy's Main calls {@link #run} directly. */
    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }
}
