package dev.refusalguard.classifier.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refusalguard.classifier.ClassifierConfig;
import dev.refusalguard.classifier.RefusalClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;

/**
 * The thresholds a trained model file was tuned with: {@code train} writes them, as {@code recommendedConfig}, into
 * the metadata file beside the model ({@code refusal-model.json} next to {@code refusal-model.onnx}). The shipped
 * defaults belong to the shipped model only; another model's streaming figures mean something only with its own
 * prefix thresholds.
 */
final class RecommendedConfig {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RecommendedConfig() {
    }

    /** The metadata file of {@code onnxFile}: the same name with {@code .json} for {@code .onnx}. */
    static Path metadataOf(Path onnxFile) {
        String name = onnxFile.getFileName().toString();
        String base = name.endsWith(".onnx") ? name.substring(0, name.length() - ".onnx".length()) : name;
        return onnxFile.resolveSibling(base + ".json");
    }

    /**
     * {@code base} with the thresholds of {@code onnxFile}'s metadata, or {@code base} itself when the model has no
     * metadata file.
     *
     * @throws IOException when the metadata file exists but cannot be read or holds invalid thresholds
     */
    static ClassifierConfig of(Path onnxFile, ClassifierConfig base) throws IOException {
        Path metadata = metadataOf(onnxFile);
        if (!Files.isRegularFile(metadata)) {
            return base;
        }
        JsonNode r = JSON.readTree(metadata.toFile()).path("recommendedConfig");
        if (!r.isObject()) {
            throw new IOException(metadata + " has no recommendedConfig object");
        }
        EnumSet<RefusalClass> actOn = EnumSet.noneOf(RefusalClass.class);
        r.path("actOn").forEach(c -> actOn.add(RefusalClass.fromWireName(c.asText())));
        try {
            return new ClassifierConfig(actOn.isEmpty() ? base.actOn() : actOn,
                    r.path("refusalThreshold").asDouble(base.refusalThreshold()),
                    r.path("prefixRefusalAbove").asDouble(base.prefixRefusalAbove()),
                    r.path("prefixNotRefusalBelow").asDouble(base.prefixNotRefusalBelow()),
                    r.path("prefixMinChars").asInt(base.prefixMinChars()), base.maxChars());
        } catch (IllegalArgumentException e) {
            throw new IOException(metadata + ": " + e.getMessage(), e);
        }
    }
}
