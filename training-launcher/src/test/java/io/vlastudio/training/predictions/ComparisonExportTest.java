package io.vlastudio.training.predictions;

import static io.vlastudio.training.predictions.PredictionFixtures.range;
import static io.vlastudio.training.predictions.PredictionFixtures.real;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;
import io.vlastudio.dataset.StepRange;
import io.vlastudio.training.predictions.ComparisonExport.Format;
import io.vlastudio.training.predictions.ComparisonExport.Options;
import io.vlastudio.training.predictions.ComparisonExport.Result;
import io.vlastudio.training.predictions.PredictionFixtures.OpenDemo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Exported comparisons read back by ImageIO and by ffprobe/ffmpeg as real subprocesses. */
class ComparisonExportTest {

    private static final int SIDE = 16;

    @TempDir
    static Path dir;
    private static Path file;
    private static OpenDemo demo;
    private static PredictionSet perfect;
    private static PredictionSet shifted;

    @BeforeAll
    static void setUp() throws Exception {
        file = PredictionFixtures.demoFile(dir, "task", 10, SIDE);
        demo = PredictionFixtures.open(file);
        perfect = PredictionSet.open(PredictionFixtures.predictions(dir.resolve("p1"), file, demo.demo(), "run-a", "epoch1",
                "teacher-forced", 0, range(1, 10), t -> real(demo.demo(), t), List.of()));
        // the second set lacks step 5: shown as a grey "no prediction" cell
        shifted = PredictionSet.open(PredictionFixtures.predictions(dir.resolve("p2"), file, demo.demo(), "run-a", "epoch2",
                "open-loop", 0, List.of(1, 2, 3, 4, 6, 7, 8, 9), t -> real(demo.demo(), t - 1), List.of()));
    }

    @AfterAll
    static void tearDown() throws Exception {
        demo.close();
    }

    @Test
    void aPngStripShowsTheSelectedStepsSideBySideWithRealPredictedAndDifferenceRows() throws Exception {
        Path out = dir.resolve("out/strip.png");
        Result r = new ComparisonExport().export(demo.demo(), List.of(perfect, shifted), out,
                new Options(Format.PNG, StepRange.parse("2:6"), 10, Orientation.UPRIGHT, false), ComparisonExport.Progress.NONE);
        assertThat(r.steps()).containsExactly(2, 3, 4, 5);
        BufferedImage img = ImageIO.read(out.toFile());
        assertThat(img.getWidth()).isEqualTo(r.width());
        assertThat(img.getHeight()).isEqualTo(r.height());
        // 16 px frames are scaled 8x to 128 px cells; rows: real, run-a epoch1, run-a epoch2, two differences
        int cell = 128;
        assertThat(r.width()).isEqualTo(4 + 4 * (cell + 4));
        assertThat(r.height()).isEqualTo(18 + 5 * (18 + cell + 4));
        Frame upright = demo.demo().frame("agentview", 3, Orientation.UPRIGHT);
        int x0 = 4 + (cell + 4); // column of step 3
        for (int row = 0; row < 2; row++) { // the real frame and the perfect prediction show the same pixels
            int y0 = 18 + row * (18 + cell + 4) + 18;
            assertThat(img.getRGB(x0 + 8 * 5 + 3, y0 + 8 * 7 + 3) & 0xFFFFFF).isEqualTo(upright.rgbAt(5, 7));
        }
        int diffRow = 18 + 3 * (18 + cell + 4) + 18; // |real - perfect| is black everywhere
        assertThat(img.getRGB(x0 + 40, diffRow + 40) & 0xFFFFFF).isZero();
        assertThat(siblings(out)).containsExactly("strip.png");
    }

    @Test
    void aGifLoopsOverEveryStepWithTheAskedFrameRate() throws Exception {
        Path out = dir.resolve("cmp.gif");
        Result r = new ComparisonExport().export(demo.demo(), List.of(perfect, shifted), out,
                new Options(Format.GIF, null, 5, Orientation.UPRIGHT, false), ComparisonExport.Progress.NONE);
        assertThat(r.steps()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        try (ImageInputStream in = ImageIO.createImageInputStream(out.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertThat(reader.getFormatName()).isEqualToIgnoringCase("gif");
            assertThat(reader.getNumImages(true)).isEqualTo(9);
            BufferedImage first = reader.read(0);
            assertThat(first.getWidth()).isEqualTo(r.width());
            assertThat(first.getHeight()).isEqualTo(r.height());
            IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
            IIOMetadataNode gce = (IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
            assertThat(gce.getAttribute("delayTime")).isEqualTo("20");
            IIOMetadataNode app = (IIOMetadataNode) root.getElementsByTagName("ApplicationExtension").item(0);
            assertThat(app.getAttribute("applicationID")).isEqualTo("NETSCAPE");
            assertThat((byte[]) app.getUserObject()).containsExactly(1, 0, 0);
            reader.dispose();
        }
        // ffmpeg reads it too
        JsonNode probe = ffprobe(out);
        assertThat(probe.path("nb_read_frames").asInt()).isEqualTo(9);
    }

    @Test
    void anMp4IsH264ThatFfmpegDecodesFrameByFrame() throws Exception {
        Path out = dir.resolve("cmp.mp4");
        Result r = new ComparisonExport().export(demo.demo(), List.of(perfect), out,
                new Options(Format.MP4, StepRange.parse("1:8"), 7, Orientation.UPRIGHT, false), ComparisonExport.Progress.NONE);
        assertThat(r.frames()).isEqualTo(7);
        assertThat(r.width() % 16).isZero();
        JsonNode probe = ffprobe(out);
        assertThat(probe.path("codec_name").asText()).isEqualTo("h264");
        assertThat(probe.path("width").asInt()).isEqualTo(r.width());
        assertThat(probe.path("height").asInt()).isEqualTo(r.height());
        assertThat(probe.path("nb_read_frames").asInt()).isEqualTo(7);
        assertThat(probe.path("r_frame_rate").asText()).isEqualTo("7/1");
        // ffmpeg decodes every frame without an error
        String log = run(List.of(tool("ffmpeg"), "-v", "error", "-i", out.toString(), "-f", "null", "-"));
        assertThat(log).isBlank();
    }

    @Test
    void anExistingFileIsReplacedOnlyWhenForced() throws Exception {
        Path out = dir.resolve("keep.png");
        Files.writeString(out, "mine");
        Options png = new Options(Format.PNG, null, 10, Orientation.UPRIGHT, false);
        assertThatThrownBy(() -> new ComparisonExport().export(demo.demo(), List.of(perfect), out, png, ComparisonExport.Progress.NONE))
                .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("--force");
        assertThat(out).hasContent("mine");
        Result r = new ComparisonExport().export(demo.demo(), List.of(perfect), out,
                new Options(Format.PNG, null, 10, Orientation.UPRIGHT, true), ComparisonExport.Progress.NONE);
        assertThat(ImageIO.read(out.toFile()).getWidth()).isEqualTo(r.width());
        // 9 predicted steps fit a strip whole
        assertThat(r.steps()).hasSize(9);
        assertThatThrownBy(() -> new ComparisonExport().export(demo.demo(), List.of(perfect), dir.resolve("none.png"),
                new Options(Format.PNG, StepRange.parse("20:30"), 10, Orientation.UPRIGHT, false), ComparisonExport.Progress.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no predicted frames");
        assertThat(dir.resolve("none.png")).doesNotExist();
        assertThat(ComparisonExport.evenlySpaced(range(0, 100), 12)).hasSize(12).startsWith(0).endsWith(99);
    }

    private static List<String> siblings(Path file) throws IOException {
        try (Stream<Path> s = Files.list(file.getParent())) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** ffprobe's view of the first video stream, frames counted by decoding. */
    static JsonNode ffprobe(Path file) throws Exception {
        String json = run(List.of(tool("ffprobe"), "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                "stream=codec_name,width,height,nb_read_frames,r_frame_rate", "-of", "json", file.toString()));
        return new ObjectMapper().readTree(json).path("streams").get(0);
    }

    static String tool(String name) {
        Path p = Path.of("/usr/bin", name);
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException(p + " is missing: these tests read the exported files with ffmpeg;"
                    + " install it with apt-get install ffmpeg (.ci/run installs it)");
        }
        return p.toString();
    }

    static String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", cmd).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("%s: %s", cmd, text).isZero();
        return text;
    }
}
