package io.vlastudio.training.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.hdf5.Hdf5DemoReader;
import io.vlastudio.store.Workspace;
import io.vlastudio.store.curation.Manifest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The export against WorldVLA's own data scripts (re-implemented in Python from the pipeline reference, section 1b),
 * on an h5py-written suite of eleven tasks: the files root is what its dump script writes (pixels and .npy bytes),
 * and the six conversation files are byte for byte what its two generators write when run on that files root.
 */
class WorldVlaFormatTest {

    @TempDir
    static Path dir;
    static Path source;
    static Path out;
    static Workspace ws;
    static WorldVlaExporter.Result result;

    @BeforeAll
    static void export() throws Exception {
        source = ExportFixtures.suite(dir, "libero_goal", ExportFixtures.SUITE_SPEC);
        ws = ExportFixtures.indexed(dir.resolve("ws"), source);
        Manifest manifest = ExportFixtures.all(ws);
        WorldVlaExporter exporter = new WorldVlaExporter(new Hdf5DemoReader(), "test");
        WorldVlaPlan plan = exporter.plan(manifest, WorldVlaSettings.defaults());
        out = dir.resolve("export");
        result = exporter.export(plan, out, ws.curation()::changedFiles, Progress.NONE, () -> false);
    }

    @AfterAll
    static void close() {
        ws.close();
    }

    @Test
    void conversationFilesAreByteForByteWhatWorldVlasGeneratorsWrite() throws Exception {
        Path root = out.resolve("files/libero_goal");
        Path ref = dir.resolve("ref-convs");
        ExportFixtures.reference("action", root.toString(), "2", "5", "goal", "256", ref.toString());
        ExportFixtures.reference("world", root.toString(), "1", "goal", "256", ref.toString());
        List<String> names;
        try (Stream<Path> s = Files.list(ref)) {
            names = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(names).hasSize(6);
        try (Stream<Path> s = Files.list(out.resolve("convs"))) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList()).isEqualTo(names);
        }
        for (String n : names) {
            byte[] ours = Files.readAllBytes(out.resolve("convs").resolve(n));
            byte[] theirs = Files.readAllBytes(ref.resolve(n));
            assertThat(new String(ours, java.nio.charset.StandardCharsets.UTF_8)).as(n)
                    .isEqualTo(new String(theirs, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(ours).as(n).isEqualTo(theirs);
        }
        JsonNode ood = new ObjectMapper().readTree(out.resolve("convs/libero_goal_his_2_val_ood_img_only_ck_5_256.json").toFile());
        assertThat(ood.size()).as("the eleventh task (zip_the_bag) is out of distribution").isEqualTo(2 * 2);
        assertThat(ood.get(0).get("image").get(0).asText()).startsWith(root + "/zip_the_bag/trj_0/imgs/image_0.png");
    }

    @Test
    void filesRootIsWhatWorldVlasDumpScriptWrites() throws Exception {
        Path ref = dir.resolve("ref-files");
        ExportFixtures.reference("dump", source.toString(), ref.toString());
        String report = ExportFixtures.reference("compare", out.resolve("files/libero_goal").toString(), ref.toString());
        assertThat(report.strip()).startsWith("same ").doesNotContain("differ", "missing");
        try (Stream<Path> s = Files.list(out.resolve("files/libero_goal"))) {
            assertThat(s.filter(p -> !Files.isDirectory(p)).toList()).as("nothing but task folders in a files root").isEmpty();
        }
    }

    @Test
    void splitFollowsWorldVlasStringSortAndCeilings() throws Exception {
        JsonNode m = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        Map<String, List<String>> valInd = new TreeMap<>();
        List<String> taskOrder = new ArrayList<>();
        for (JsonNode t : m.get("trajectories")) {
            String task = t.get("task").asText();
            if (!taskOrder.contains(task)) {
                taskOrder.add(task);
            }
            if (t.get("split").asText().equals("val_ind")) {
                valInd.computeIfAbsent(task, k -> new ArrayList<>()).add(t.get("trj").asText());
            }
            assertThat(t.get("sha256").asText()).hasSize(64);
        }
        assertThat(taskOrder.get(0)).isEqualTo("KITCHEN_SCENE3_turn_on_the_stove");
        assertThat(taskOrder.get(1)).isEqualTo("LIVING_ROOM_SCENE1_pick_up_the_book");
        assertThat(valInd.get("open_the_drawer")).containsExactly("trj_5", "trj_6", "trj_7", "trj_8", "trj_9");
        assertThat(valInd.get("KITCHEN_SCENE3_turn_on_the_stove")).containsExactly("trj_9");
        assertThat(m.get("format").asText()).isEqualTo("vla-studio-worldvla-export");
        assertThat(m.get("settings").get("split").asText()).isEqualTo("worldvla");
        assertThat(m.get("conversations")).hasSize(6);
        assertThat(Files.readString(out.resolve("configs/train.yaml"))).isEqualTo("META:\n"
                + "  - path: '" + out.resolve("tokens/libero_goal_his_2_train_img_only_ck_5_256.json") + "'\n"
                + "  - path: '" + out.resolve("tokens/libero_goal_his_1_train_a2i_256.json") + "'\n");
        assertThat(result.plan().warnings()).anyMatch(w -> w.contains("--prompt instruction"));
        assertThat(Files.exists(out.resolveSibling("export.part"))).isFalse();
        assertThat(Files.exists(out.resolve("tokens"))).isFalse();
    }
}
