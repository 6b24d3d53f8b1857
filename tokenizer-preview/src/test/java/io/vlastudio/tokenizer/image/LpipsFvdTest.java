package io.vlastudio.tokenizer.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;
import io.vlastudio.tokenizer.testing.MetricModels;
import io.vlastudio.tokenizer.torch.TorchRuntime;
import io.vlastudio.tokenizer.torch.TorchSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * LPIPS and FVD through DJL against the same formulas in PyTorch/NumPy, on small random-weight networks made by the
 * studio's own export scripts in their {@code --random-weights} mode (python/metric_models.py, run here with Debian's
 * python3), and the messages for models of the wrong shape.
 */
class LpipsFvdTest {

    @TempDir
    static Path dir;
    private static final TorchRuntime RUNTIME = new TorchRuntime(TorchSettings.defaults().withThreads(1));
    private static JsonNode reference;
    private static Lpips lpips;
    private static Fvd fvd;

    @BeforeAll
    static void makeModels() throws Exception {
        assertThat(MetricModels.EXPORT_SCRIPTS).containsExactly(Lpips.EXPORT_SCRIPT, Fvd.EXPORT_SCRIPT);
        MetricModels.make(dir);
        reference = new ObjectMapper().readTree(dir.resolve("reference.json").toFile());
        lpips = Lpips.open(dir.resolve("lpips.pt"), RUNTIME);
        fvd = Fvd.open(dir.resolve("i3d.pt"), RUNTIME);
    }

    @AfterAll
    static void close() {
        if (lpips != null) {
            lpips.close();
        }
        if (fvd != null) {
            fvd.close();
        }
    }

    private static List<Frame> frames(String file, int width, int height) throws Exception {
        byte[] all = Files.readAllBytes(dir.resolve(file));
        int size = width * height * 3;
        List<Frame> out = new ArrayList<>();
        for (int i = 0; i < all.length / size; i++) {
            out.add(new Frame(width, height, Orientation.RAW, Arrays.copyOfRange(all, i * size, (i + 1) * size)));
        }
        return out;
    }

    @Test
    void lpipsMatchesTheFormulaComputedInPython() throws Exception {
        List<Frame> f = frames("lpips_frames.u8", 48, 40);
        for (int pair = 0; pair < 3; pair++) {
            double expected = reference.get("lpips").get(pair).asDouble();
            double actual = lpips.distance(f.get(2 * pair), f.get(2 * pair + 1));
            assertThat(actual).as("pair %d", pair).isCloseTo(expected, within(1e-5 + 1e-4 * expected));
        }
        assertThat(reference.get("lpips").get(0).asDouble()).isGreaterThan(0.01);
        assertThat(lpips.distance(f.get(4), f.get(5))).isEqualTo(0.0);
        assertThat(lpips.distance(f.get(0), f.get(1))).isEqualTo(lpips.distance(f.get(0), f.get(1)));
    }

    @Test
    void lpipsRefusesFramesOfDifferentSizesOrTooSmall() {
        Frame a = new Frame(16, 16, Orientation.RAW, new byte[16 * 16 * 3]);
        Frame b = new Frame(20, 16, Orientation.RAW, new byte[20 * 16 * 3]);
        Frame tiny = new Frame(8, 8, Orientation.RAW, new byte[8 * 8 * 3]);
        assertThatThrownBy(() -> lpips.distance(a, b)).hasMessageContaining("same size");
        assertThatThrownBy(() -> lpips.distance(tiny, tiny)).hasMessageContaining("at least 16x16");
    }

    @Test
    void i3dFeaturesAndFvdMatchPyTorchAndNumPy() throws Exception {
        int clips = reference.get("clips").asInt();
        int length = reference.get("frames").asInt();
        List<List<Frame>> all = Fvd.clips(frames("fvd_frames.u8", 40, 32), length);
        assertThat(all).hasSize(2 * clips);
        assertThat(fvd.featureWidth()).isEqualTo(400);
        double[][] expected = new double[2 * clips][];
        double[][] actual = fvd.clipFeatures(all);
        for (int i = 0; i < 2 * clips; i++) {
            JsonNode row = reference.get("features").get(i);
            expected[i] = new double[row.size()];
            for (int j = 0; j < row.size(); j++) {
                expected[i][j] = row.get(j).asDouble();
                assertThat(actual[i][j]).as("clip %d feature %d", i, j).isCloseTo(expected[i][j], within(2e-4));
            }
        }
        double python = reference.get("fvd").asDouble();
        assertThat(python).isGreaterThan(1);
        // the Fréchet distance itself on identical features: NumPy (eigvals of C1 C2) against EJML (eigh of S C2 S)
        double sameFeatures = FrechetDistance.of(Arrays.copyOfRange(expected, 0, clips),
                Arrays.copyOfRange(expected, clips, 2 * clips));
        assertThat(sameFeatures).isCloseTo(python, within(1e-6 * python));
        double realReal = FrechetDistance.of(Arrays.copyOfRange(expected, 0, 2), Arrays.copyOfRange(expected, 1, 3));
        assertThat(realReal).isCloseTo(reference.get("fvd_real_real").asDouble(), within(1e-5));
        // end to end: frames -> DJL features -> FVD
        double endToEnd = fvd.fvd(all.subList(0, clips), all.subList(clips, 2 * clips));
        assertThat(endToEnd).isCloseTo(python, within(1e-3 * python));
    }

    @Test
    void fvdNeedsTwoClipsASideAndClipsDropTheRemainder() {
        List<Integer> steps = List.of(0, 1, 2, 3, 4, 5, 6);
        assertThat(Fvd.clips(steps, 3)).containsExactly(List.of(0, 1, 2), List.of(3, 4, 5));
        List<List<Frame>> one = List.of(List.of(new Frame(8, 8, Orientation.RAW, new byte[192])));
        assertThatThrownBy(() -> fvd.fvd(one, one)).hasMessageContaining("at least 2 clips on each side");
    }

    @Test
    void modelsOfTheWrongShapeAreRefusedNamingTheFileAndBothShapes() {
        Path rank = dir.resolve("lpips_rank.pt");
        assertThatThrownBy(() -> Lpips.open(rank, RUNTIME)).isInstanceOf(MetricModelException.class)
                .hasMessageContaining(rank.toString())
                .hasMessageContaining("float32 distances of shape (2)")
                .hasMessageContaining("found float32 (2, 3)");
        Path i3dRank = dir.resolve("i3d_rank.pt");
        assertThatThrownBy(() -> Fvd.open(i3dRank, RUNTIME)).isInstanceOf(MetricModelException.class)
                .hasMessageContaining(i3dRank.toString())
                .hasMessageContaining("features of shape (1, F)")
                .hasMessageContaining("(1, 3, 10, 224, 224)")
                .hasMessageContaining("found float32 (1, 400, 1)");
        Path size = dir.resolve("i3d_size.pt");
        assertThatThrownBy(() -> Fvd.open(size, RUNTIME)).isInstanceOf(MetricModelException.class)
                .hasMessageContaining(size.toString())
                .hasMessageContaining("taking float32 (1, 3, 10, 224, 224)")
                .hasMessageContaining("mat1 and mat2 shapes cannot be multiplied");
        Path text = dir.resolve("not_torchscript.pt");
        assertThatThrownBy(() -> Fvd.open(text, RUNTIME)).isInstanceOf(MetricModelException.class)
                .hasMessageContaining(text.toString()).hasMessageContaining("a file PyTorch cannot load");
        Path missing = dir.resolve("nope.pt");
        assertThatThrownBy(() -> Lpips.open(missing, RUNTIME)).hasMessage(missing + ": expected the LPIPS model written by "
                + "export_lpips_vgg.py, found no such file");
    }
}
