package io.vlastudio.training.predictions;

import static io.vlastudio.training.predictions.PredictionFixtures.range;
import static io.vlastudio.training.predictions.PredictionFixtures.real;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;
import io.vlastudio.tokenizer.image.ImageQuality;
import io.vlastudio.training.predictions.PredictionFixtures.OpenDemo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

class PredictionSetTest {

    private static final int SIDE = 16;

    @TempDir
    Path dir;

    @Test
    void thePredictionForStepTPlusOneIsComparedWithTheRealFrameOfTPlusOneNotT() throws Exception {
        Path file = PredictionFixtures.demoFile(dir, "task", 6, SIDE);
        try (OpenDemo d = PredictionFixtures.open(file)) {
            // what `vla-studio predict` writes from step 0: frame_000001.png .. frame_000005.png; a perfect model
            // predicts exactly the real frame of the step it is for
            Path aligned = PredictionFixtures.predictions(dir.resolve("aligned"), file, d.demo(), "run-a", "epoch1",
                    "teacher-forced", 0, range(1, 6), t -> real(d.demo(), t), List.of());
            PredictionSet set = PredictionSet.open(aligned);
            assertThat(set.steps()).containsExactly(1, 2, 3, 4, 5);
            assertThat(set.problems(d.demo())).isEmpty();
            assertThat(set.frame(3).orElseThrow().rgb()).isEqualTo(PredictionFixtures.storedFrame(3, SIDE));
            assertThat(set.frame(3).orElseThrow().orientation()).isEqualTo(Orientation.RAW);
            assertThat(set.frame(0)).isEmpty();

            List<FrameScore> scores = PredictionMetrics.score(set, d.demo());
            assertThat(scores).extracting(FrameScore::step).containsExactly(1, 2, 3, 4, 5);
            assertThat(scores).allSatisfy(s -> {
                assertThat(s.psnr()).isEqualTo(ImageQuality.MAX_PSNR);
                assertThat(s.ssim()).isEqualTo(1.0);
                assertThat(s.horizon()).isEqualTo(1);
            });
            // the same predicted frame held against the real frame of the step before: finite and low
            Frame predicted = set.frame(4).orElseThrow();
            double offByOne = ImageQuality.psnr(real(d.demo(), 3), predicted);
            assertThat(offByOne).isFinite().isLessThan(15.0);

            // a writer that is off by one (frame_<t> holds real t-1) scores low everywhere: alignment is visible
            Path shifted = PredictionFixtures.predictions(dir.resolve("shifted"), file, d.demo(), "run-a", "epoch1",
                    "teacher-forced", 0, range(1, 6), t -> real(d.demo(), t - 1), List.of());
            List<FrameScore> bad = PredictionMetrics.score(PredictionSet.open(shifted), d.demo());
            assertThat(bad).hasSize(5).allSatisfy(s -> {
                assertThat(s.psnr()).isFinite().isLessThan(15.0);
                assertThat(s.ssim()).isBetween(0.0, 0.2);
            });
        }
    }

    @Test
    void openLoopHorizonCountsFromTheStartStep() throws Exception {
        Path file = PredictionFixtures.demoFile(dir, "task", 7, SIDE);
        try (OpenDemo d = PredictionFixtures.open(file)) {
            Path p = PredictionFixtures.predictions(dir.resolve("ol"), file, d.demo(), "run-a", "epoch2", "open-loop", 2,
                    range(3, 7), t -> real(d.demo(), t), List.of());
            PredictionSet set = PredictionSet.open(p);
            assertThat(set.label()).isEqualTo("run-a · epoch2 · open-loop");
            assertThat(set.problems(d.demo())).isEmpty();
            assertThat(PredictionMetrics.score(set, d.demo())).extracting(FrameScore::step, FrameScore::horizon)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(3, 1), org.assertj.core.groups.Tuple.tuple(4, 2),
                            org.assertj.core.groups.Tuple.tuple(5, 3), org.assertj.core.groups.Tuple.tuple(6, 4));
        }
    }

    @Test
    void badFramesAreNamedAndTheRestStillLoads() throws Exception {
        Path file = PredictionFixtures.demoFile(dir, "task", 8, SIDE);
        try (OpenDemo d = PredictionFixtures.open(file)) {
            Path p = PredictionFixtures.predictions(dir.resolve("bad"), file, d.demo(), "run-a", "epoch1", "teacher-forced",
                    0, List.of(1, 2, 4, 5, 6, 7), t -> real(d.demo(), t), List.of());
            Files.writeString(p.resolve("frame_000004.png"), "not an image at all");
            Files.write(p.resolve("frame_000005.png"), new io.vlastudio.training.export.PngEncoder().encode(new byte[8 * 8 * 3], 8, 8));
            byte[] good = Files.readAllBytes(p.resolve("frame_000006.png"));
            Files.write(p.resolve("frame_000006.png"), Arrays.copyOf(good, 40)); // header intact, pixels cut off
            Files.write(p.resolve("frame_000009.png"), good);
            Files.writeString(p.resolve("frame_12.png"), "x");

            PredictionSet set = PredictionSet.open(p);
            assertThat(set.steps()).containsExactly(1, 2, 4, 5, 6, 7, 9);
            assertThat(set.readable(4)).isFalse();
            assertThatThrownBy(() -> set.frame(4)).isInstanceOf(IOException.class).hasMessageContaining("frame_000004.png: not a PNG");

            List<FrameScore> scores = PredictionMetrics.score(set, d.demo());
            assertThat(scores).extracting(FrameScore::step).containsExactly(1, 2, 7);
            assertThat(set.problems(d.demo())).contains(
                    "frame_000003.png is missing",
                    "frame_000005.png is 8x8, expected 16x16 (the demo's agentview)",
                    "frame_000009.png is for step 9, past the demo's last step 7",
                    "frame_12.png: not named frame_NNNNNN.png (six digits, the step), so it is ignored")
                    .anySatisfy(m -> assertThat(m).startsWith("frame_000004.png: not a PNG (starts with"))
                    .anySatisfy(m -> assertThat(m).startsWith("frame_000006.png: a damaged PNG"));
        }
    }

    @Test
    void predictionsForAnotherDemoLengthSayWhichLengthsDiffer() throws Exception {
        Path file = PredictionFixtures.demoFile(dir, "task", 6, SIDE);
        Path longer = PredictionFixtures.demoFile(dir, "longer", 9, SIDE);
        Path p;
        try (OpenDemo d = PredictionFixtures.open(file)) {
            p = PredictionFixtures.predictions(dir.resolve("p"), file, d.demo(), "run-a", "epoch1", "teacher-forced", 0,
                    range(1, 6), t -> real(d.demo(), t), List.of());
        }
        try (OpenDemo other = PredictionFixtures.open(longer)) {
            PredictionSet set = PredictionSet.open(p);
            assertThat(set.problems(other.demo())).containsExactly(
                    "predictions are for a 6-step demo, this one has 9 steps");
            // the frames still compare (with the frames of the other demo: low, but shown)
            assertThat(PredictionMetrics.score(set, other.demo())).hasSize(5);
        }
    }

    @Test
    void aDamagedActionsFileIsAProblemNotAFailure() throws Exception {
        Path file = PredictionFixtures.demoFile(dir, "task", 6, SIDE);
        try (OpenDemo d = PredictionFixtures.open(file)) {
            Path p = PredictionFixtures.predictions(dir.resolve("p"), file, d.demo(), "run-a", "epoch1", "teacher-forced", 0,
                    range(1, 3), t -> real(d.demo(), t), List.of());
            Files.writeString(p.resolve("actions.json"), "{\"chunks\": [{\"start\": 1, ");
            PredictionSet set = PredictionSet.open(p);
            assertThat(set.chunks()).isEmpty();
            assertThat(set.steps()).containsExactly(1, 2);
            assertThat(set.problems(d.demo())).singleElement().asString()
                    .startsWith("actions.json: not valid JSON").endsWith("the action chunks are not shown");

            PredictionsFolder.writeActions(p, List.of(new ActionChunk(9, new double[][] {PredictionFixtures.action(0, 6)}),
                    new ActionChunk(1, new double[][] {{1, 2, 3}})));
            assertThat(PredictionSet.open(p).problems(d.demo())).containsExactly(
                    "actions.json: the chunk at step 9 is past the demo's last step 5",
                    "actions.json: the chunk at step 1 has actions of 3 values, the demo's have 7");
        }
    }

    @Test
    void anUnreadableMetaFailsOpenNamingTheFile() throws Exception {
        Path p = Files.createDirectories(dir.resolve("p"));
        assertThatThrownBy(() -> PredictionSet.open(p)).isInstanceOf(IOException.class)
                .hasMessageContaining(p.resolve("meta.json").toString()).hasMessageContaining("missing");
        Files.writeString(p.resolve("meta.json"), "{not json");
        assertThatThrownBy(() -> PredictionSet.open(p)).hasMessageContaining("meta.json: not valid JSON");
        Files.writeString(p.resolve("meta.json"), "{\"format\": \"something-else\", \"version\": 1}");
        assertThatThrownBy(() -> PredictionSet.open(p)).hasMessageContaining("\"format\" is 'something-else'");
        Files.writeString(p.resolve("meta.json"), "{\"format\": \"vla-studio-predictions\", \"version\": 2}");
        assertThatThrownBy(() -> PredictionSet.open(p)).hasMessageContaining("version 2 was written by a newer VLA Studio");
        Files.writeString(p.resolve("meta.json"), "{\"format\": \"vla-studio-predictions\", \"version\": 1, \"run\": \"r\","
                + " \"checkpoint\": \"e\", \"mode\": \"open-loop\", \"width\": 4, \"height\": 4}");
        assertThatThrownBy(() -> PredictionSet.open(p)).hasMessageContaining("missing \"demo\"");
        assertThatThrownBy(() -> PredictionSet.open(dir.resolve("nope"))).hasMessageContaining("no such predictions folder");
    }

    @Test
    void metaAndActionsRoundTrip() throws Exception {
        Path p = Files.createDirectories(dir.resolve("p"));
        PredictionMeta meta = new PredictionMeta("run-a", "epoch3", "worldvla", "open-loop", 4,
                dir.resolve("x_demo.hdf5").toAbsolutePath(), "demo_3", 120, "agentview", "raw", 128, 96);
        PredictionsFolder.writeMeta(p, meta);
        assertThat(PredictionsFolder.readMeta(p)).isEqualTo(meta);
        assertThat(meta.demoKey()).isEqualTo("x_demo#demo_3");
        assertThat(PredictionsFolder.workspaceFolder(Path.of("/ws"), "run-a", "epoch3", "open-loop", meta.demoFile(), "demo_3"))
                .isEqualTo(Path.of("/ws/predictions/run-a/epoch3/open-loop/x_demo#demo_3"));

        PredictionsFolder.writeActions(p, List.of(new ActionChunk(4, new double[][] {{0.5, Double.NaN, -1}, {1, 2, 3}})));
        List<ActionChunk> back = PredictionsFolder.readActions(p);
        assertThat(back).singleElement().satisfies(c -> {
            assertThat(c.start()).isEqualTo(4);
            assertThat(c.actions()[0]).containsExactly(0.5, Double.NaN, -1);
            assertThat(c.actions()[1]).containsExactly(1, 2, 3);
        });
        assertThat(PredictionsFolder.frameName(12)).isEqualTo("frame_000012.png");
        assertThat(PredictionsFolder.frameStep("frame_000012.png")).hasValue(12);
        assertThat(PredictionsFolder.frameStep("frame_12.png")).isEmpty();
    }
}
