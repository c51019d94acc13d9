package dev.refusalguard.proxy.audit;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends every (prompt, variant) not yet in the progress log, with bounded concurrency and an optional rate limit;
 * records each answer's judgement in the log as it arrives. Work is ordered prompt by prompt so an interrupted run
 * leaves mostly complete pairs.
 */
final class AuditRunner {

    private static final int EXCERPT_CHARS = 300;

    private final AnswerSource source;
    private final RefusalJudge judge;
    private final ProgressLog log;
    private final AuditOptions options;
    private final PrintStream err;
    private final Clock clock;

    AuditRunner(AnswerSource source, RefusalJudge judge, ProgressLog log, AuditOptions options, PrintStream err,
                Clock clock) {
        this.source = source;
        this.judge = judge;
        this.log = log;
        this.options = options;
        this.err = err;
        this.clock = clock;
    }

    private record Task(PreparedPrompt prompt, AuditVariant variant) {
    }

    /** Runs what is left; returns the number of (prompt, variant) pairs that failed in this run. */
    long run(List<PreparedPrompt> prompts) throws InterruptedException {
        long total = (long) prompts.size() * options.variants().size();
        List<Task> pending = new ArrayList<>();
        for (PreparedPrompt prompt : prompts) {
            for (AuditVariant variant : options.variants()) {
                if (!log.isDone(prompt.prompt().id(), variant)) {
                    pending.add(new Task(prompt, variant));
                }
            }
        }
        long alreadyDone = total - pending.size();
        ProgressReporter progress = new ProgressReporter(err, total, alreadyDone);
        if (alreadyDone > 0) {
            err.println("audit: resuming, " + alreadyDone + " of " + total + " answers already in progress.jsonl");
        }
        RateLimiter limiter = new RateLimiter(options.ratePerSecond());
        ExecutorService pool = Executors.newFixedThreadPool(options.concurrency(), daemonThreads());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Task task : pending) {
                futures.add(pool.submit(() -> {
                    runOne(task.prompt(), task.variant(), limiter, progress);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("audit task failed", e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        progress.print();
        return progress.errors();
    }

    private void runOne(PreparedPrompt prompt, AuditVariant variant, RateLimiter limiter, ProgressReporter progress)
            throws InterruptedException {
        VariantRequest request = prompt.requests().get(variant);
        IOException last = null;
        for (int attempt = 0; attempt <= options.retries(); attempt++) {
            limiter.acquire();
            long start = System.nanoTime();
            try {
                UpstreamAnswer answer = source.send(request);
                long millis = (System.nanoTime() - start) / 1_000_000;
                RefusalJudge.Judgement judgement = judge.judge(answer);
                String excerpt = options.keepText() ? excerpt(answer.text()) : null;
                log.append(new ProgressEntry(prompt.prompt().id(), variant.wireName(), options.model(),
                        prompt.category().wireName(), prompt.sensitive(), judgement.refused(),
                        judgement.signal(), judgement.refusalClass(), judgement.score(), answer.status(), millis,
                        clock.instant().toString(), excerpt));
                progress.finished(judgement.refused());
                return;
            } catch (AnswerSource.RetryableException e) {
                last = e;
                if (attempt < options.retries()) {
                    Thread.sleep(Math.max(e.retryAfterMillis(), 500L << attempt));
                }
            } catch (IOException e) {
                last = e;
                break;
            }
        }
        err.println("audit: " + prompt.prompt().id() + "/" + variant.wireName() + " failed: "
                + (last == null ? "unknown error" : last.getMessage()) + " (will be retried on the next run)");
        progress.failed();
    }

    private static String excerpt(String text) {
        return text.length() <= EXCERPT_CHARS ? text : text.substring(0, EXCERPT_CHARS);
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "audit-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
