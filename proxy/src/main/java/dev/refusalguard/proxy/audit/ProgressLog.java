package dev.refusalguard.proxy.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DIR/progress.jsonl: one JSON line per finished (prompt, variant), flushed as it is written, so an interrupted
 * run resumes by skipping what is there. A line cut short by a kill is ignored on reading (that pair is sent again).
 */
final class ProgressLog implements Closeable {

    static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Map<String, ProgressEntry> completed;
    private final BufferedWriter writer;

    private ProgressLog(Map<String, ProgressEntry> completed, BufferedWriter writer) {
        this.completed = completed;
        this.writer = writer;
    }

    /**
     * Opens (or creates) the log and reads what earlier runs finished.
     *
     * @throws IllegalStateException when earlier lines were written for another model
     */
    static ProgressLog open(Path file, String model, PrintStream err) throws IOException {
        Map<String, ProgressEntry> completed = new LinkedHashMap<>();
        if (Files.exists(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            int skipped = 0;
            for (String line : lines) {
                if (line.isBlank()) {
                    continue;
                }
                ProgressEntry entry;
                try {
                    entry = JSON.readValue(line, ProgressEntry.class);
                } catch (IOException e) {
                    skipped++;
                    continue;
                }
                if (entry.id() == null || entry.variant() == null) {
                    skipped++;
                    continue;
                }
                if (!model.equals(entry.model())) {
                    throw new IllegalStateException(file + " holds results for model '" + entry.model()
                            + "', not '" + model + "': use another --out directory");
                }
                completed.put(entry.key(), entry);
            }
            if (skipped > 0) {
                err.println("audit: ignored " + skipped + " unreadable line(s) in " + file + " (sent again)");
            }
            endWithNewline(file);
        }
        BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        return new ProgressLog(Collections.synchronizedMap(completed), writer);
    }

    /** A line cut short by a kill must not swallow the next line appended. */
    private static void endWithNewline(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long length = raf.length();
            if (length == 0) {
                return;
            }
            raf.seek(length - 1);
            if (raf.read() != '\n') {
                raf.seek(length);
                raf.write('\n');
            }
        }
    }

    boolean isDone(String id, AuditVariant variant) {
        return completed.containsKey(ProgressEntry.key(id, variant.wireName()));
    }

    /** Every finished entry, earlier runs included. */
    Map<String, ProgressEntry> completed() {
        synchronized (completed) {
            return new LinkedHashMap<>(completed);
        }
    }

    synchronized void append(ProgressEntry entry) throws IOException {
        writer.write(JSON.writeValueAsString(entry));
        writer.write('\n');
        writer.flush();
        completed.put(entry.key(), entry);
    }

    @Override
    public synchronized void close() throws IOException {
        writer.close();
    }
}
