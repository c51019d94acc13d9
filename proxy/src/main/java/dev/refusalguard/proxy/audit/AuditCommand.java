package dev.refusalguard.proxy.audit;

import dev.refusalguard.classifier.RefusalClassifier;
import dev.refusalguard.policies.RequestAnalyzer;
import dev.refusalguard.proxy.bias.Format;
import dev.refusalguard.proxy.bias.GroupComparison;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code refusalguard audit}: measures a model's defensive-refusal bias before it is put behind agents. Exit codes:
 * 0 report written with every answer, 1 report written but some requests failed (rerun to retry them), 2 usage or
 * input error.
 */
public final class AuditCommand {

    private AuditCommand() {
    }

    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return run(args, out, err, DefaultClassifier::load, Clock.systemUTC());
    }

    static int run(String[] args, PrintStream out, PrintStream err, Supplier<RefusalClassifier> classifiers,
                   Clock clock) {
        if (AuditArguments.wantsHelp(args)) {
            out.print(AuditArguments.USAGE);
            return 0;
        }
        AuditOptions options;
        try {
            options = AuditArguments.parse(args);
        } catch (AuditArguments.UsageException e) {
            err.println("audit: " + e.getMessage());
            err.print(AuditArguments.USAGE);
            return 2;
        }
        List<PreparedPrompt> prompts;
        try {
            List<AuditPrompt> read = PromptFile.read(options.prompts());
            VariantBuilder builder = new VariantBuilder(RequestAnalyzer.loadDefault(), options.claimText(),
                    options.context(), options.systemPrompt());
            prompts = new ArrayList<>(read.size());
            for (AuditPrompt prompt : read) {
                prompts.add(builder.prepare(prompt));
            }
            Files.createDirectories(options.out());
        } catch (IOException | IllegalArgumentException e) {
            err.println("audit: " + e.getMessage());
            return 2;
        }
        String apiKey = System.getenv(options.apiKeyEnv());
        if (apiKey == null || apiKey.isBlank()) {
            err.println("audit: " + options.apiKeyEnv() + " is not set; sending requests without an API key");
            apiKey = null;
        }
        err.println("audit: " + prompts.size() + " prompts x " + options.variants().size() + " variants -> "
                + options.endpoint() + " (model " + options.model() + ", concurrency " + options.concurrency()
                + (options.ratePerSecond() > 0 ? ", " + options.ratePerSecond() + " req/s" : "") + ")");
        HttpClient http = HttpAnswerSource.newClient(Duration.ofSeconds(Math.min(30, options.timeout().toSeconds() + 1)));
        AnswerSource source = new HttpAnswerSource(http, options.endpoint(), options.format(), options.model(), apiKey,
                options.timeout(), options.maxTokens());
        try (RefusalClassifier classifier = classifiers.get();
             ProgressLog log = ProgressLog.open(options.out().resolve("progress.jsonl"), options.model(), err)) {
            AuditRunner runner = new AuditRunner(source, new RefusalJudge(classifier), log, options, err, clock);
            long failed = runner.run(prompts);
            AuditReport report = AuditAnalysis.analyse(prompts, log.completed(), options, clock.instant());
            writeAtomically(options.out().resolve("report.json"), AuditJsonWriter.render(report));
            writeAtomically(options.out().resolve("report.html"), AuditHtmlWriter.render(report, options.variants()));
            out.println("audit: wrote " + options.out().resolve("report.json") + " and "
                    + options.out().resolve("report.html"));
            out.println(summary(report));
            if (failed > 0) {
                err.println("audit: " + failed + " request(s) failed; run the same command again to retry them");
                return 1;
            }
            return 0;
        } catch (IllegalStateException e) {
            err.println("audit: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("audit: cannot write to " + options.out() + ": " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("audit: interrupted; progress is kept in " + options.out().resolve("progress.jsonl"));
            return 1;
        }
    }

    static String summary(AuditReport report) {
        GroupComparison sensitive = report.sensitiveVsNeutral();
        GroupComparison claim = report.claimVsNone();
        GroupComparison promptClaim = report.promptClaimVsNone();
        GroupComparison structured = report.structuredVsNone();
        return "sensitive vs neutral:        " + Format.rate(sensitive.exposed()) + " vs "
                + Format.rate(sensitive.baseline()) + ", ratio " + Format.ratio(sensitive.ratio()) + "\n"
                + "claim in prompt vs none:     " + Format.rate(promptClaim.exposed()) + " vs "
                + Format.rate(promptClaim.baseline()) + ", ratio " + Format.ratio(promptClaim.ratio()) + "\n"
                + "free-text claim vs none:     " + Format.rate(claim.exposed()) + " vs "
                + Format.rate(claim.baseline()) + ", ratio " + Format.ratio(claim.ratio()) + "\n"
                + "structured block vs none:    " + Format.rate(structured.exposed()) + " vs "
                + Format.rate(structured.baseline()) + ", ratio " + Format.ratio(structured.ratio());
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
