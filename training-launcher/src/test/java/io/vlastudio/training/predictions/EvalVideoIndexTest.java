package io.vlastudio.training.predictions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvalVideoIndexTest {

    @TempDir
    static Path dir;
    static Path good;
    static Path good2;

    @BeforeAll
    static void videos() throws Exception {
        good = EvalVideoFixtures.encode(dir.resolve("src/good.mp4"), "testsrc", 1);
        good2 = EvalVideoFixtures.encode(dir.resolve("src/good2.mp4"), "smptebars", 1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2025_06_23-12_00_00--episode=3--success=True--task=put_the_bowl_on_the_plate.mp4|3|true|put the bowl on the plate",
            "2025_06_23-12_00_00--episode=0--success=false--task=put the bowl on the plate.mp4|0|false|put the bowl on the plate",
            "2025_06_23-12_00_00--episode=12--success=FALSE--task=open_the__drawer_.MP4|12|false|open the drawer",
            "2025_06_23-12_00_00--openvla_oft--episode=7--success=TRUE--task=x.mp4|7|true|x",
            "2025_11_10-09_00_00--episode=1--success=gt_recons--task=pick_up_the_soup.mp4|1|gt_recons|pick up the soup",
            "2025_11_10-09_00_00--episode=1--success=INF--task=pick_up_the_soup.mp4|1|inf|pick up the soup"})
    void readsWorldVlaNamesLiberally(String name, int episode, String success, String task) {
        EvalVideo v = EvalVideoIndex.parseName(Path.of("/x/epoch3", name), "epoch3");
        assertThat(v.episode()).isEqualTo(episode);
        assertThat(v.success()).isEqualTo(success);
        assertThat(v.task()).isEqualTo(task);
        assertThat(v.checkpoint()).isEqualTo("epoch3");
        assertThat(v.date()).startsWith("2025_");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "clip.mp4|no --task=",
            "2025--episode=1--success=True.mp4|no --task=",
            "2025--success=True--task=a.mp4|no --episode=",
            "2025--episode=x--success=True--task=a.mp4|not a whole number",
            "2025--episode=1--task=a.mp4|no --success=",
            "2025--episode=1--success=maybe--task=a.mp4|\"maybe\" is not True, False",
            "--episode=1--success=True--task=a.mp4|does not start with a date",
            "2025--episode=1--success=True--task=_.mp4|empty --task="})
    void saysWhyANameDoesNotFit(String name, String reason) {
        assertThatThrownBy(() -> EvalVideoIndex.parseName(Path.of(name), ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
    }

    @Test
    void countsRatesPerTaskAndCheckpointAndNamesEveryBadFile() throws Exception {
        Path root = dir.resolve("evals");
        String d = "2025_06_23-12_00_00";
        Path e1 = root.resolve("epoch1");
        Files.createDirectories(e1);
        Files.copy(good, e1.resolve(d + "--episode=0--success=True--task=put_the_bowl_on_the_plate.mp4"));
        Files.copy(good, e1.resolve(d + "--episode=1--success=False--task=put_the_bowl_on_the_plate.mp4"));
        Files.copy(good2, e1.resolve(d + "--episode=2--success=true--task=put the bowl on the plate.mp4"));
        Files.copy(good, e1.resolve(d + "--episode=0--success=False--task=open_the_drawer.mp4"));
        Path e2 = root.resolve("run-a/epoch2");
        Files.createDirectories(e2);
        Files.copy(good, e2.resolve(d + "--episode=0--success=True--task=open_the_drawer.mp4"));
        Files.copy(good, root.resolve(d + "--episode=0--success=True--task=open_the_drawer.mp4"));
        // broken files: each a rollout whose outcome is still in its name
        Path headCut = EvalVideoFixtures.cutHead(good, e2.resolve(d + "--episode=1--success=False--task=open_the_drawer.mp4"), 1024);
        Path tailCut = EvalVideoFixtures.cutTail(good, e2.resolve(d + "--episode=2--success=True--task=open_the_drawer.mp4"), 200);
        Path random = EvalVideoFixtures.randomBytes(e2.resolve(d + "--episode=3--success=False--task=open_the_drawer.mp4"), 5000, 7);
        Path empty = Files.write(e2.resolve(d + "--episode=4--success=False--task=open_the_drawer.mp4"), new byte[0]);
        Path text = EvalVideoFixtures.text(e2.resolve(d + "--episode=5--success=True--task=open_the_drawer.mp4"),
                "version https://git-lfs.github.com/spec/v1\noid sha256:abc\n");
        Path misnamed = Files.copy(good, e1.resolve("rollout_final.mp4"));
        Path noEpisode = Files.copy(good, e1.resolve(d + "--success=True--task=open_the_drawer.mp4"));
        Files.writeString(e1.resolve("eval_log.txt"), "success rate 0.5\n");
        Files.writeString(e1.resolve(".DS_Store"), "x");

        EvalVideoIndex index = EvalVideoIndex.scan(root);

        assertThat(index.rates()).containsExactly(
                new TaskRate("open the drawer", "", 1, 1),
                new TaskRate("open the drawer", "epoch1", 1, 0),
                new TaskRate("put the bowl on the plate", "epoch1", 3, 2),
                new TaskRate("open the drawer", "run-a/epoch2", 6, 3));
        assertThat(index.rates().get(2).rate()).isEqualTo(2.0 / 3);
        assertThat(index.checkpointRates()).extracting(TaskRate::checkpoint, TaskRate::episodes, TaskRate::successes)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("", 1, 1), org.assertj.core.groups.Tuple.tuple("epoch1", 4, 2),
                        org.assertj.core.groups.Tuple.tuple("run-a/epoch2", 6, 3));
        assertThat(index.videos()).hasSize(11);
        assertThat(index.problems()).hasSize(7);
        assertThat(problemOf(index, headCut)).contains("not an MP4");
        assertThat(problemOf(index, tailCut)).contains("truncated: the 'moov' box");
        assertThat(problemOf(index, random)).contains("not an MP4");
        assertThat(problemOf(index, empty)).contains("empty file (0 bytes)");
        assertThat(problemOf(index, text)).contains("not an MP4").contains("starts with the text \"version https://");
        assertThat(problemOf(index, misnamed)).contains("no --task=");
        assertThat(problemOf(index, noEpisode)).contains("no --episode=");
        assertThat(index.ignored()).containsExactly(e1.resolve("eval_log.txt"));
        EvalVideo ok = index.videos().stream().filter(v -> v.checkpoint().equals("epoch1") && v.episode() == 2).findFirst().orElseThrow();
        assertThat(index.problem(ok)).isEmpty();
        Mp4Info info = index.info(ok).orElseThrow();
        assertThat(info.frames()).isEqualTo(10);
        assertThat(info.width()).isEqualTo(128);
        assertThat(info.seconds()).isBetween(0.9, 1.1);
        EvalVideo bad = index.videos().stream().filter(v -> v.file().equals(tailCut)).findFirst().orElseThrow();
        assertThat(index.problem(bad)).get().asString().contains("truncated");
    }

    @Test
    void groupsWorldModelTripletsAndNamesAMissingMember() throws Exception {
        Path root = dir.resolve("wm");
        String d = "2025_11_10-09_00_00";
        for (String kind : List.of("gt", "gt_recons", "inf")) {
            Files.createDirectories(root.resolve("ckpt"));
            Files.copy(good, root.resolve("ckpt/" + d + "--episode=0--success=" + kind + "--task=pick_up_the_soup.mp4"));
        }
        Files.copy(good, root.resolve("ckpt/" + d + "--episode=1--success=gt--task=pick_up_the_soup.mp4"));
        Files.copy(good, root.resolve("ckpt/" + d + "--episode=1--success=inf--task=pick_up_the_soup.mp4"));

        EvalVideoIndex index = EvalVideoIndex.scan(root);

        assertThat(index.rates()).isEmpty();
        assertThat(index.triplets()).hasSize(2);
        EvalTriplet full = index.triplets().get(0);
        assertThat(full.episode()).isZero();
        assertThat(full.missing()).isEmpty();
        assertThat(full.gtRecons().orElseThrow().file().getFileName().toString()).contains("gt_recons");
        EvalTriplet partial = index.triplets().get(1);
        assertThat(partial.missing()).containsExactly("gt_recons");
        assertThat(index.problems()).containsExactly(
                "world-model triplet of episode 1 (pick up the soup) in ckpt has no gt_recons video");
    }

    @Test
    void aCodecJavaFxCannotPlayIsAProblemNamingTheCodec() throws Exception {
        Path root = dir.resolve("mpeg4");
        EvalVideoFixtures.encode(root.resolve("2025--episode=0--success=True--task=a.mp4"), "testsrc", 1, "mpeg4");
        EvalVideoIndex index = EvalVideoIndex.scan(root);
        assertThat(index.rates()).containsExactly(new TaskRate("a", "", 1, 1));
        assertThat(index.problems()).singleElement().asString().contains("MPEG-4 Part 2 (mp4v)").contains("cannot play");
    }

    @Test
    void aMissingFolderIsAnIOExceptionNamingIt() {
        assertThatThrownBy(() -> EvalVideoIndex.scan(dir.resolve("nowhere")))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("nowhere");
    }

    @Test
    void recordsImportsInTheWorkspaceAndReplacesAReimport() throws Exception {
        Path root = dir.resolve("rec");
        Files.createDirectories(root);
        Files.copy(good, root.resolve("2025--episode=0--success=True--task=a.mp4"));
        Path other = dir.resolve("rec2");
        Files.createDirectories(other);
        Path ws = dir.resolve("ws");
        EvalVideoImports imports = new EvalVideoImports(ws);
        assertThat(imports.roots()).isEmpty();
        imports.record(EvalVideoIndex.scan(root));
        imports.record(EvalVideoIndex.scan(other));
        imports.record(EvalVideoIndex.scan(root));
        assertThat(imports.file()).isEqualTo(ws.resolve("predictions/videos/index.json"));
        assertThat(imports.roots()).containsExactly(root.toAbsolutePath(), other.toAbsolutePath());
        JsonNode json = new ObjectMapper().readTree(imports.file().toFile());
        assertThat(json.path("imports").get(0).path("scan").path("tasks").get(0).path("successes").asInt()).isEqualTo(1);
        assertThat(json.path("imports").get(0).path("scan").path("videos").get(0).path("file").asText())
                .isEqualTo(root.toAbsolutePath().resolve("2025--episode=0--success=True--task=a.mp4").toString());

        Files.writeString(imports.file(), "{not json");
        assertThatThrownBy(imports::roots).hasMessageContaining(imports.file().toString());
        imports.record(EvalVideoIndex.scan(root));
        assertThat(imports.roots()).containsExactly(root.toAbsolutePath());
        assertThat(Files.readString(imports.file().resolveSibling("index.json.bad"))).isEqualTo("{not json");
    }

    private static String problemOf(EvalVideoIndex index, Path file) {
        List<String> p = index.problems().stream().filter(s -> s.startsWith(file + ": ")).toList();
        assertThat(p).as("problems naming " + file + " in " + index.problems()).hasSize(1);
        return p.get(0);
    }
}
