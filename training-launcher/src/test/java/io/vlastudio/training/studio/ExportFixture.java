package io.vlastudio.training.studio;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.DemoSummary;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;
import io.vlastudio.dataset.hdf5.Hdf5DemoReader;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a WorldVLA export (contract A) from HDF5 files, the way WorldVLA's dump and conversation scripts lay it out:
 * {@code files/<suite>/<task>/trj_<i>/imgs/image_<j>.png} (agentview rotated 180°), {@code action/action_<j>.npy}
 * (float64), action conversations (history M, chunk K, indent 2) and world conversations (history 1, indent 4) per
 * split, split by WorldVLA's rule (tasks and trajectories sorted as strings, the first ceil(0.9 n) in), and a manifest.
 * The real export is another stream's; this stands in for it in tests. {@code maxSteps} caps each trajectory to keep
 * tests small (0: all steps).
 */
final class ExportFixture {

    private ExportFixture() {
    }

    static Path write(Path dir, String suite, List<Path> hdf5, int history, int chunk, int maxSteps, boolean world) throws Exception {
        Path root = dir.resolve("files").resolve(suite);
        Map<String, List<String>> trjByTask = new java.util.TreeMap<>();
        Hdf5DemoReader reader = new Hdf5DemoReader();
        int resolution = 0;
        for (Path f : hdf5) {
            String task = f.getFileName().toString().replaceAll("\\.hdf5$", "").replaceAll("_demo$", "");
            try (DemoFile file = reader.open(f)) {
                for (DemoSummary s : file.demos()) {
                    Demo d = file.openDemo(s.name());
                    String trj = "trj_" + DemoSummary.indexOf(s.name());
                    Path t = root.resolve(task).resolve(trj);
                    Files.createDirectories(t.resolve("imgs"));
                    Files.createDirectories(t.resolve("action"));
                    double[][] actions = d.actions();
                    int n = maxSteps > 0 ? Math.min(maxSteps, d.length()) : d.length();
                    for (int j = 0; j < n; j++) {
                        Frame fr = d.frame("agentview", j, Orientation.ROT180);
                        resolution = fr.width();
                        BufferedImage img = new BufferedImage(fr.width(), fr.height(), BufferedImage.TYPE_INT_RGB);
                        img.setRGB(0, 0, fr.width(), fr.height(), fr.toArgb(), 0, fr.width());
                        ImageIO.write(img, "png", t.resolve("imgs").resolve("image_" + j + ".png").toFile());
                        ExportData.writeNpy(t.resolve("action").resolve("action_" + j + ".npy"), actions[j]);
                    }
                    trjByTask.computeIfAbsent(task, k -> new ArrayList<>()).add(trj);
                }
            }
        }
        List<String> tasks = new ArrayList<>(trjByTask.keySet());
        tasks.sort(Comparator.naturalOrder());
        int inDist = (int) Math.ceil(0.9 * tasks.size());
        Map<String, List<Map<String, Object>>> action = new LinkedHashMap<>();
        Map<String, List<Map<String, Object>>> worldRecs = new LinkedHashMap<>();
        for (String split : List.of("train", "val_ind", "val_ood")) {
            action.put(split, new ArrayList<>());
            worldRecs.put(split, new ArrayList<>());
        }
        for (int ti = 0; ti < tasks.size(); ti++) {
            String task = tasks.get(ti);
            List<String> trjs = new ArrayList<>(trjByTask.get(task));
            trjs.sort(Comparator.naturalOrder()); // string order, as Python's sorted(os.listdir())
            int trainN = (int) Math.ceil(0.9 * trjs.size());
            for (int i = 0; i < trjs.size(); i++) {
                String split = ti >= inDist ? "val_ood" : i < trainN ? "train" : "val_ind";
                Path t = root.resolve(task).resolve(trjs.get(i));
                int n;
                try (var s = Files.list(t.resolve("imgs"))) {
                    n = (int) s.count();
                }
                String text = task.replace('_', ' ');
                for (int j = 0; j + chunk <= n; j++) {
                    List<String> imgs = new ArrayList<>();
                    for (int s = Math.max(0, j - history + 1); s <= j; s++) {
                        imgs.add(t.resolve("imgs").resolve("image_" + s + ".png").toString());
                    }
                    List<String> acts = new ArrayList<>();
                    for (int s = j; s < j + chunk; s++) {
                        acts.add(t.resolve("action").resolve("action_" + s + ".npy").toString());
                    }
                    action.get(split).add(record("What action should the robot take to " + text + "?"
                            + "<|image|>".repeat(imgs.size()), "<|action|>".repeat(acts.size()), imgs, acts));
                }
                for (int j = 0; j + 1 < n; j++) {
                    worldRecs.get(split).add(record("Generate the next image based on the provided sequence of historical "
                            + "images and corresponding actions.<|image|><|action|>", "<|image|>",
                            List.of(t.resolve("imgs").resolve("image_" + j + ".png").toString(),
                                    t.resolve("imgs").resolve("image_" + (j + 1) + ".png").toString()),
                            List.of(t.resolve("action").resolve("action_" + j + ".npy").toString())));
                }
            }
        }
        Files.createDirectories(dir.resolve("convs"));
        List<Map<String, Object>> convs = new ArrayList<>();
        for (String split : List.of("train", "val_ind", "val_ood")) {
            String a = "convs/libero_" + suite.replace("libero_", "") + "_his_" + history + "_" + split + "_img_only_ck_" + chunk
                    + "_" + resolution + ".json";
            Files.writeString(dir.resolve(a), json(2).writeValueAsString(action.get(split)));
            convs.add(Map.of("file", a, "suite", suite, "kind", "action", "split", split, "records", action.get(split).size()));
            if (world) {
                String w = "convs/libero_" + suite.replace("libero_", "") + "_his_1_" + split + "_a2i_" + resolution + ".json";
                Files.writeString(dir.resolve(w), json(4).writeValueAsString(worldRecs.get(split)));
                convs.add(Map.of("file", w, "suite", suite, "kind", "world", "split", split, "records", worldRecs.get(split).size()));
            }
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", "vla-studio-worldvla-export");
        manifest.put("version", 1);
        manifest.put("studio_version", "test");
        manifest.put("settings", Map.of("resolution", resolution, "history", history, "chunk", chunk, "world_history", 1,
                "split", "worldvla", "paths", "absolute", "prompt", "task-dir"));
        manifest.put("conversations", convs);
        Files.writeString(dir.resolve("manifest.json"), json(2).writeValueAsString(manifest));
        return dir;
    }

    private static Map<String, Object> record(String human, String gpt, List<String> images, List<String> actions) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("conversations", List.of(Map.of("from", "human", "value", human), Map.of("from", "gpt", "value", gpt)));
        r.put("image", images);
        r.put("action", actions);
        return r;
    }

    private static ObjectMapper json(int indent) {
        DefaultPrettyPrinter p = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter(" ".repeat(indent), "\n"))
                .withArrayIndenter(new DefaultIndenter(" ".repeat(indent), "\n"));
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        m.setDefaultPrettyPrinter(p);
        return m;
    }
}
