package dev.refusalguard.policies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Persists an {@link AdaptiveSelector}'s success counts to a JSON file so a restart keeps what was learned: loads
 * at construction, saves every {@code interval} on one daemon thread and once more at {@link #close()}. Writes go
 * to a temporary file moved into place, so a crash never leaves a half-written file.
 *
 * <pre>{"version":1,"counts":[{"model":"gpt-4o","category":"malware_analysis","strategy":"rephrase","successes":12,"failures":3}]}</pre>
 */
public final class SuccessCountsFile implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final AdaptiveSelector selector;
    private final ScheduledExecutorService saver;

    public SuccessCountsFile(Path path, AdaptiveSelector selector, Duration interval) {
        this.path = path;
        this.selector = selector;
        if (Files.exists(path)) {
            selector.restore(read(path));
        }
        this.saver = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "refusalguard-success-counts");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(1000, interval.toMillis());
        saver.scheduleWithFixedDelay(this::saveQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Reads a counts file; errors name the bad entry. */
    public static Map<StrategyStatsKey, StrategyCounts> read(Path path) {
        try {
            JsonNode root = JSON.readTree(path.toFile());
            if (root == null || root.path("version").asInt() != 1 || !root.path("counts").isArray()) {
                throw new IllegalArgumentException(path + ": expected {\"version\":1,\"counts\":[...]}");
            }
            Map<StrategyStatsKey, StrategyCounts> out = new LinkedHashMap<>();
            int i = 0;
            for (JsonNode n : root.get("counts")) {
                String where = path + ": counts[" + i++ + "]";
                try {
                    out.put(new StrategyStatsKey(n.path("model").asText(),
                                    TaskCategory.fromWireName(n.path("category").asText()),
                                    StrategyKind.fromWireName(n.path("strategy").asText())),
                            new StrategyCounts(n.path("successes").asLong(), n.path("failures").asLong()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** Writes the selector's current counts. */
    public static void write(Path path, Map<StrategyStatsKey, StrategyCounts> counts) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        ArrayNode list = root.putArray("counts");
        counts.forEach((k, v) -> list.addObject()
                .put("model", k.model())
                .put("category", k.category().wireName())
                .put("strategy", k.strategy().wireName())
                .put("successes", v.successes())
                .put("failures", v.failures()));
        Path dir = path.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
        try {
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public void save() throws IOException {
        write(path, selector.snapshot());
    }

    private void saveQuietly() {
        try {
            save();
        } catch (IOException | RuntimeException e) {
            System.getLogger(SuccessCountsFile.class.getName())
                    .log(System.Logger.Level.WARNING, "cannot save success counts to " + path + ": " + e);
        }
    }

    @Override
    public void close() throws IOException {
        saver.shutdownNow();
        save();
    }
}
