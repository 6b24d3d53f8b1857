package io.vlastudio.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vlastudio.dataset.Orientation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Small user settings kept in {@code settings.json} under the studio's data folder: the camera orientation
 * chosen per dataset, recent paths, the theme. Reads once; {@link #save()} writes a temporary file and moves
 * it into place, so a crash never leaves a half-written file. Not thread-safe: use from one thread (the FX
 * thread) and hand {@link #snapshot()} to a background save.
 */
public final class StudioSettings {

    private static final int MAX_RECENT = 10;
    private final Path file;
    private final ObjectMapper mapper = new ObjectMapper();
    private ObjectNode root;

    public StudioSettings(Path file) {
        this.file = file;
    }

    private ObjectNode root() {
        if (root == null) {
            root = mapper.createObjectNode();
            if (Files.isRegularFile(file)) {
                try {
                    JsonNode read = mapper.readTree(file.toFile());
                    if (read instanceof ObjectNode o) {
                        root = o;
                    }
                } catch (IOException e) {
                    // an unreadable settings file is replaced on the next save; nothing the user made is in it
                    root = mapper.createObjectNode();
                }
            }
        }
        return root;
    }

    /** The orientation chosen for a camera of a dataset (a suite folder or file), if any. */
    public Optional<Orientation> orientation(String dataset, String camera) {
        JsonNode n = root().path("orientation").path(dataset).path(camera);
        if (n.isTextual()) {
            try {
                return Optional.of(Orientation.fromId(n.asText()));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    public void setOrientation(String dataset, String camera, Orientation orientation) {
        child(child(root(), "orientation"), dataset).put(camera, orientation.id());
    }

    /** The object member {@code name} of {@code parent}, created if missing (names are literal, never JSON pointers). */
    private static ObjectNode child(ObjectNode parent, String name) {
        JsonNode n = parent.get(name);
        return n instanceof ObjectNode o ? o : parent.putObject(name);
    }

    /** Recently opened files and folders, newest first. */
    public List<Path> recent() {
        return paths("recent");
    }

    public void addRecent(Path path) {
        addPath("recent", path);
    }

    /** Recently opened workspaces, newest first. */
    public List<Path> recentWorkspaces() {
        return paths("recentWorkspaces");
    }

    public void addRecentWorkspace(Path dir) {
        addPath("recentWorkspaces", dir);
    }

    private List<Path> paths(String key) {
        List<Path> out = new ArrayList<>();
        root().path(key).forEach(n -> out.add(Path.of(n.asText())));
        return out;
    }

    private void addPath(String key, Path path) {
        List<Path> list = new ArrayList<>(paths(key));
        Path p = path.toAbsolutePath().normalize();
        list.remove(p);
        list.add(0, p);
        var array = root().putArray(key);
        list.stream().limit(MAX_RECENT).forEach(r -> array.add(r.toString()));
    }

    public String theme() {
        return root().path("theme").asText("dark");
    }

    public void setTheme(String theme) {
        root().put("theme", theme);
    }

    /** Where the user left a split pane's dividers (fractions, 0..1), by pane name. */
    public Optional<double[]> dividers(String pane) {
        com.fasterxml.jackson.databind.JsonNode n = root().path("dividers").path(pane);
        if (!n.isArray() || n.isEmpty()) {
            return Optional.empty();
        }
        double[] out = new double[n.size()];
        for (int i = 0; i < out.length; i++) {
            double v = n.get(i).asDouble(-1);
            if (!(v > 0 && v < 1)) {
                return Optional.empty();
            }
            out[i] = v;
        }
        return Optional.of(out);
    }

    public void setDividers(String pane, double[] positions) {
        var array = child(root(), "dividers").putArray(pane);
        for (double p : positions) {
            array.add(p);
        }
    }

    /** The main window's last size and place, in screen coordinates. */
    public record WindowPlace(double x, double y, double width, double height, boolean maximized) {
    }

    public Optional<WindowPlace> window() {
        com.fasterxml.jackson.databind.JsonNode n = root().path("window");
        if (!n.isObject() || !n.path("width").isNumber() || !n.path("height").isNumber()) {
            return Optional.empty();
        }
        return Optional.of(new WindowPlace(n.path("x").asDouble(), n.path("y").asDouble(), n.path("width").asDouble(),
                n.path("height").asDouble(), n.path("maximized").asBoolean(false)));
    }

    public void setWindow(WindowPlace place) {
        ObjectNode n = child(root(), "window");
        n.put("x", place.x());
        n.put("y", place.y());
        n.put("width", place.width());
        n.put("height", place.height());
        n.put("maximized", place.maximized());
    }

    /** Whether a verdict moves on to the next unreviewed demo. */
    public boolean autoAdvance() {
        return root().path("autoAdvance").asBoolean(false);
    }

    public void setAutoAdvance(boolean on) {
        root().put("autoAdvance", on);
    }

    /** A copy of the current settings, safe to hand to another thread for {@link #write}. */
    public String snapshot() {
        return root().toPrettyString();
    }

    /** Writes a snapshot atomically. */
    public void write(String snapshot) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, snapshot);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public void save() throws IOException {
        write(snapshot());
    }
}
