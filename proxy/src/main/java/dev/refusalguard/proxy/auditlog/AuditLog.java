package dev.refusalguard.proxy.auditlog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refusalguard.proxy.config.AuditConfig;
import dev.refusalguard.proxy.exchange.ExchangeSummary;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Audit log in JSON Lines, written by one background thread so event loops never touch the disk. Prompts are
 * redacted (a keyed digest, {@link PromptDigest}, and the length) unless {@code audit.logPrompts} is on. When the queue is full a record is
 * dropped and counted rather than blocking an event loop; once a write to the file fails (disk full, file gone)
 * the writer stops and every later record is dropped and counted too ({@code refusalguard_audit_dropped_total}).
 */
public final class AuditLog implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int QUEUE = 10_000;

    private final AuditConfig config;
    private final PromptDigest digest;
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean running = true;
    /** The writer stopped on an I/O error: nothing is written any more. */
    private volatile boolean failed;

    private AuditLog(AuditConfig config, PromptDigest digest, BufferedWriter out) {
        this.config = config;
        this.digest = digest;
        this.writer = new Thread(() -> drain(out), "refusalguard-audit");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** An audit log per config, or a disabled one. */
    public static AuditLog open(AuditConfig config) {
        return open(config, System.getenv());
    }

    /** As {@link #open(AuditConfig)}, reading {@code audit.promptKeyEnv} from {@code env}. */
    static AuditLog open(AuditConfig config, java.util.Map<String, String> env) {
        if (!config.enabled()) {
            return new AuditLog(config, null, null);
        }
        PromptDigest digest = PromptDigest.fromEnvironment(config.promptKeyEnv(), env);
        try {
            Path path = Path.of(config.file());
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            return new AuditLog(config, digest, Files.newBufferedWriter(path, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new IllegalArgumentException("audit.file: cannot open " + config.file() + ": " + e.getMessage(), e);
        }
    }

    /** Records one finished exchange (only refused, rewritten or blocked ones unless audit.allRequests). */
    public void record(ExchangeSummary s) {
        if (!config.enabled()) {
            return;
        }
        boolean interesting = s.firstRefused() || !s.strategies().isEmpty() || !"served".equals(s.outcome());
        if (!interesting && !config.allRequests()) {
            return;
        }
        if (failed || !queue.offer(toJson(s))) {
            dropped.incrementAndGet();
        }
    }

    public long dropped() {
        return dropped.get();
    }

    String toJson(ExchangeSummary s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("time", Instant.now().toString());
        n.put("request_id", s.requestId());
        n.put("api", s.api());
        n.put("model", bounded(s.model()));
        n.put("final_model", bounded(s.finalModel()));
        n.put("stream", s.stream());
        if (s.analysis() != null) {
            n.put("category", s.analysis().category().wireName());
            n.put("intent", s.analysis().intent().wireName());
            n.put("intent_score", s.analysis().intentScore());
            n.put("sensitive", s.analysis().sensitive());
            n.put("authorization_claim", s.analysis().authorizationClaim());
            n.putPOJO("sensitive_terms", s.analysis().sensitiveTerms());
        }
        n.put("first_refused", s.firstRefused());
        n.put("refusal_signal", s.firstSignal());
        n.put("refusal_class", s.firstClass());
        n.putPOJO("strategies", s.strategies());
        n.put("attempts", s.attempts());
        n.put("outcome", s.outcome());
        n.put("duration_ms", s.durationNanos() / 1_000_000.0);
        if (config.logPrompts()) {
            n.put("prompt", s.originalText());
            if (s.finalText() != null && !s.finalText().equals(s.originalText())) {
                n.put("rewritten_prompt", s.finalText());
            }
        } else {
            n.put("prompt_hmac", digest.of(s.originalText()));
            n.put("prompt_chars", s.originalText() == null ? 0 : s.originalText().length());
            n.put("rewritten", s.finalText() != null && !s.finalText().equals(s.originalText()));
        }
        return n.toString();
    }

    /** Longest model name written as sent; the agent chooses it, so it must not grow a record without bound. */
    static final int MAX_MODEL_CHARS = 256;

    /** A model name as sent, or its first {@link #MAX_MODEL_CHARS} characters and its length. */
    static String bounded(String model) {
        if (model == null || model.length() <= MAX_MODEL_CHARS) {
            return model;
        }
        int cut = Character.isHighSurrogate(model.charAt(MAX_MODEL_CHARS - 1)) ? MAX_MODEL_CHARS - 1 : MAX_MODEL_CHARS;
        return model.substring(0, cut) + "... (" + model.length() + " chars)";
    }

    private void drain(BufferedWriter out) {
        if (out == null) {
            return;
        }
        int unflushed = 0;
        try (out) {
            while (running || !queue.isEmpty()) {
                String line = queue.poll(200, TimeUnit.MILLISECONDS);
                if (line == null) {
                    out.flush();
                    unflushed = 0;
                    continue;
                }
                unflushed++;
                out.write(line);
                out.write('\n');
                if (queue.isEmpty()) {
                    out.flush();
                    unflushed = 0;
                }
            }
        } catch (IOException | InterruptedException e) {
            failed = true;
            // The records written since the last flush and those waiting are lost with the file.
            dropped.addAndGet(unflushed + queue.drainTo(new java.util.ArrayList<>()));
            System.err.println("refusalguard: audit log stopped: " + e.getMessage()
                    + " (later records are dropped and counted in refusalguard_audit_dropped_total)");
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            writer.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
