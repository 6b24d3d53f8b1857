package io.vlastudio.training.predictions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The evaluation-video folders imported into a workspace, recorded in {@code <workspace>/predictions/videos/index.json}
 * with the scan that imported them. Videos are referenced by path, never copied. Importing a folder again replaces its
 * entry; the most recent import comes first.
 */
public final class EvalVideoImports {

    public static final String FORMAT = "vla-studio-eval-videos";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    public EvalVideoImports(Path workspaceDir) {
        this.file = workspaceDir.resolve("predictions").resolve("videos").resolve("index.json");
    }

    public Path file() {
        return file;
    }

    /** The imported folders, most recent first; none when nothing was imported. */
    public List<Path> roots() throws IOException {
        List<Path> out = new ArrayList<>();
        for (JsonNode imp : imports()) {
            out.add(Path.of(imp.path("root").asText()));
        }
        return out;
    }

    /** Records {@code index} (replacing an earlier import of the same folder) and writes the file atomically. */
    public void record(EvalVideoIndex index) throws IOException {
        List<JsonNode> kept = new ArrayList<>();
        try {
            for (JsonNode imp : imports()) {
                if (!Path.of(imp.path("root").asText()).equals(index.root())) {
                    kept.add(imp);
                }
            }
        } catch (IOException unreadable) {
            // keep what was there for the user to look at, start a fresh record
            Files.copy(file, file.resolveSibling("index.json.bad"), StandardCopyOption.REPLACE_EXISTING);
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", 1);
        ArrayNode imports = root.putArray("imports");
        ObjectNode entry = imports.addObject();
        entry.put("root", index.root().toString());
        entry.put("imported", Instant.now().toString());
        entry.set("scan", index.toJson(JSON));
        kept.forEach(imports::add);
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), "index", ".json.tmp");
        try {
            JSON.writeValue(tmp.toFile(), root);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private List<JsonNode> imports() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not a readable evaluation-video index (" + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()) + ")", e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText()) || !root.path("imports").isArray()) {
            throw new IOException(file + ": not an evaluation-video index (expected \"format\": \"" + FORMAT + "\" and an \"imports\" list)");
        }
        List<JsonNode> out = new ArrayList<>();
        root.path("imports").forEach(out::add);
        return out;
    }
}
