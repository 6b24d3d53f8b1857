package io.vlastudio.training.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vlastudio.dataset.DatasetException;
import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.DemoReader;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;
import io.vlastudio.dataset.hdf5.Hdf5DemoReader;
import io.vlastudio.dataset.export.ExportException;
import io.vlastudio.store.DemoQuery;
import io.vlastudio.store.DemoRecord;
import io.vlastudio.store.ReviewEdit;
import io.vlastudio.store.StepExclusion;
import io.vlastudio.store.Verdict;
import io.vlastudio.store.Workspace;
import io.vlastudio.store.curation.Manifest;
import io.vlastudio.store.curation.Mix;
import io.vlastudio.store.curation.MixComponent;
import io.vlastudio.store.curation.MixExport;
import io.vlastudio.store.curation.MixSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Edits, resizing, weights, and what a cancel, a full disk, a changed source or a foreign folder leave behind. */
class WorldVlaExportSafetyTest {

    static final String SPEC = """
            {"size": 32, "tasks": [
             {"name": "KITCHEN_SCENE3_put_the_pot_on_the_stove", "demos": [0,1,2], "length": 12},
             {"name": "open_the_door", "demos": [0,1], "length": 8}
            ]}""";

    @TempDir
    Path dir;
    Path source;
    Workspace ws;
    List<DemoRecord> demos;
    Path out;

    @BeforeEach
    void setUp() throws Exception {
        source = ExportFixtures.suite(dir, "libero_10", SPEC);
        ws = ExportFixtures.indexed(dir.resolve("ws"), source);
        demos = ws.demos(DemoQuery.all());
        out = dir.resolve("export");
    }

    @AfterEach
    void close() {
        ws.close();
    }

    DemoRecord demo(String task, String name) {
        return demos.stream().filter(d -> d.task().equals(task) && d.demo().equals(name)).findFirst().orElseThrow();
    }

    WorldVlaExporter exporter() {
        return new WorldVlaExporter(new Hdf5DemoReader(), "test");
    }

    WorldVlaExporter.Result export(WorldVlaExporter exporter, Manifest m, WorldVlaSettings s) throws IOException {
        return exporter.export(exporter.plan(m, s), out, ws.curation()::changedFiles, (d, t, msg) -> { }, () -> false);
    }

    @Test
    void editsApplyStepsRenumberAndSmallFramesAreResized() throws Exception {
        String kitchen = "KITCHEN_SCENE3_put_the_pot_on_the_stove";
        ws.edit(demo(kitchen, "demo_0").ref(), ReviewEdit.create().verdict(Verdict.REJECTED));
        ws.edit(demo(kitchen, "demo_1").ref(), ReviewEdit.create().trim(2, 10).exclude(StepExclusion.steps(4, 6)));
        WorldVlaExporter.Result r = export(exporter(), ExportFixtures.all(ws),
                WorldVlaSettings.defaults().withPrompt(WorldVlaSettings.Prompt.INSTRUCTION).withChunk(3));
        Path task = out.resolve("files/libero_10").resolve(kitchen);
        assertThat(task.resolve("trj_0")).doesNotExist();
        int[] kept = {2, 3, 6, 7, 8, 9};
        try (Stream<Path> s = Files.list(task.resolve("trj_1/imgs"))) {
            assertThat(s.count()).isEqualTo(kept.length);
        }
        try (DemoFile f = new Hdf5DemoReader().open(source.resolve(kitchen + "_demo.hdf5"))) {
            Demo d = f.openDemo("demo_1");
            double[][] actions = d.actions();
            for (int j = 0; j < kept.length; j++) {
                Frame frame = d.frame("agentview", kept[j], Orientation.ROT180);
                byte[] expected = Resampler.resize(frame.rgb(), 32, 32, 256, 256);
                BufferedImage png = ImageIO.read(task.resolve("trj_1/imgs/image_" + j + ".png").toFile());
                assertThat(png.getWidth()).isEqualTo(256);
                assertThat(rgb(png)).as("image_%d is step %d, rotated and resized", j, kept[j]).isEqualTo(expected);
                byte[] npy = Files.readAllBytes(task.resolve("trj_1/action/action_" + j + ".npy"));
                ByteBuffer b = ByteBuffer.wrap(npy, 128, 56).order(ByteOrder.LITTLE_ENDIAN);
                for (int k = 0; k < 7; k++) {
                    assertThat(Double.doubleToRawLongBits(b.getDouble())).isEqualTo(Double.doubleToRawLongBits(actions[kept[j]][k]));
                }
            }
        }
        assertThat(r.plan().warnings()).anyMatch(w -> w.contains("32x32") && w.contains("resized"));
        JsonNode train = new ObjectMapper().readTree(out.resolve("convs/libero_10_his_2_train_img_only_ck_3_256.json").toFile());
        assertThat(train.get(0).get("conversations").get(0).get("value").asText())
                .isEqualTo("What action should the robot take to put the pot on the stove?<|image|>");
    }

    private static byte[] rgb(BufferedImage img) {
        byte[] out = new byte[img.getWidth() * img.getHeight() * 3];
        for (int y = 0, i = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                out[i++] = (byte) (p >> 16);
                out[i++] = (byte) (p >> 8);
                out[i++] = (byte) p;
            }
        }
        return out;
    }

    @Test
    void weightsAreRealisedInTheDataConfigs() throws Exception {
        ws.curation().saveView("kitchen", "task = \"KITCHEN_SCENE3_put_the_pot_on_the_stove\"");
        ws.curation().saveView("door", "task = \"open_the_door\"");
        Mix mix = new Mix("weighted", List.of(MixComponent.view("kitchen", 2), MixComponent.view("door", 0.5)),
                MixSettings.defaults().withSamples(MixSettings.Samples.ACTION));
        Manifest m = ws.curation().manifest(mix, "test");
        WorldVlaExporter.Result r = export(exporter(), m, WorldVlaSettings.defaults().withSplit(WorldVlaSettings.Split.MIX)
                .withPaths(WorldVlaSettings.Paths.RELATIVE));
        // mix split: every demo comes from a view, so all are train; K = 5: kitchen 3 x 8 records, door 2 x 4
        assertThat(Files.readString(out.resolve("configs/train.yaml"))).isEqualTo("""
                META:
                  - path: 'tokens/libero_10_his_2_train_img_only_ck_5_256_w0p5_part.json'
                  - path: 'tokens/libero_10_his_2_train_img_only_ck_5_256_w2.json'
                  - path: 'tokens/libero_10_his_2_train_img_only_ck_5_256_w2.json'
                """);
        assertThat(r.effectiveRecords().get("train")).isEqualTo(4 + 2 * 24);
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        JsonNode part = manifest.get("token_files").get(0);
        assertThat(part.get("from").asText()).isEqualTo("convs/libero_10_his_2_train_img_only_ck_5_256.json");
        assertThat(part.get("records")).hasSize(4);
        assertThat(part.get("records").get(0).asInt()).isGreaterThanOrEqualTo(24);
        assertThat(manifest.get("token_files").get(1).get("records")).hasSize(24);
        assertThat(manifest.get("token_files").get(1).get("repeat").asInt()).isEqualTo(2);
        assertThat(Files.readString(out.resolve("configs/val_ood.yaml"))).startsWith("META:\n");
        JsonNode conv = new ObjectMapper().readTree(out.resolve("convs/libero_10_his_2_train_img_only_ck_5_256.json").toFile());
        assertThat(conv.get(0).get("image").get(0).asText())
                .isEqualTo("files/libero_10/KITCHEN_SCENE3_put_the_pot_on_the_stove/trj_0/imgs/image_0.png");
    }

    @Test
    void cancelLeavesNothing() throws Exception {
        WorldVlaExporter e = exporter();
        WorldVlaPlan plan = e.plan(ExportFixtures.all(ws), WorldVlaSettings.defaults());
        AtomicInteger reports = new AtomicInteger();
        assertThatThrownBy(() -> e.export(plan, out, ws.curation()::changedFiles, (d, t, m) -> reports.incrementAndGet(),
                () -> reports.get() >= 10)).isInstanceOf(CancellationException.class);
        assertThat(out).doesNotExist();
        assertThat(out.resolveSibling("export.part")).doesNotExist();
    }

    @Test
    void fullDiskLeavesNothingNewAndThePreviousExportIntact() throws Exception {
        Manifest m = ExportFixtures.all(ws);
        export(exporter(), m, WorldVlaSettings.defaults());
        Map<Path, String> before = checksums(out);
        AtomicInteger files = new AtomicInteger();
        WorldVlaExporter full = new WorldVlaExporter(new Hdf5DemoReader(), 2, (file, data) -> {
            if (files.incrementAndGet() > 10) {
                throw new IOException("No space left on device");
            }
            Files.write(file, data);
        }, p -> Long.MAX_VALUE, "test");
        assertThatThrownBy(() -> export(full, m, WorldVlaSettings.defaults().withResolution(512)))
                .isInstanceOf(ExportException.class).hasMessageContaining("No space left on device")
                .hasMessageContaining("nothing was left");
        assertThat(out.resolveSibling("export.part")).doesNotExist();
        assertThat(checksums(out)).isEqualTo(before);
        Files.walk(out).filter(Files::isRegularFile).findAny().orElseThrow();

        Path fresh = dir.resolve("fresh");
        AtomicInteger n = new AtomicInteger();
        WorldVlaExporter full2 = new WorldVlaExporter(new Hdf5DemoReader(), 2, (file, data) -> {
            if (n.incrementAndGet() > 10) {
                throw new IOException("No space left on device");
            }
            Files.write(file, data);
        }, p -> Long.MAX_VALUE, "test");
        assertThatThrownBy(() -> full2.export(full2.plan(m, WorldVlaSettings.defaults()), fresh,
                ws.curation()::changedFiles, (d, t, msg) -> { }, () -> false)).isInstanceOf(ExportException.class);
        assertThat(fresh).doesNotExist();
        assertThat(dir.resolve("fresh.part")).doesNotExist();
    }

    @Test
    void tooLittleFreeSpaceIsRefusedBeforeWriting() throws Exception {
        WorldVlaExporter small = new WorldVlaExporter(new Hdf5DemoReader(), 2, Files::write, p -> 1000, "test");
        assertThatThrownBy(() -> export(small, ExportFixtures.all(ws), WorldVlaSettings.defaults()))
                .isInstanceOf(ExportException.class).hasMessageContaining("not enough free space").hasMessageContaining("MiB");
        assertThat(out).doesNotExist();
        assertThat(out.resolveSibling("export.part")).doesNotExist();
    }

    @Test
    void aChangedSourceStopsTheExportNamingIt() throws Exception {
        Manifest m = ExportFixtures.all(ws);
        Path file = source.resolve("open_the_door_demo.hdf5");
        Files.write(file, new byte[] {0}, StandardOpenOption.APPEND);
        assertThatThrownBy(() -> export(exporter(), m, WorldVlaSettings.defaults()))
                .isInstanceOf(MixExport.SourcesChangedException.class).hasMessageContaining(file.toString());
        assertThat(out).doesNotExist();
    }

    @Test
    void aFolderHoldingSomethingElseIsRefusedAndUntouched() throws Exception {
        Files.createDirectories(out);
        Files.writeString(out.resolve("thesis.tex"), "precious");
        assertThatThrownBy(() -> export(exporter(), ExportFixtures.all(ws), WorldVlaSettings.defaults()))
                .isInstanceOf(ExportException.class).hasMessageContaining("not a VLA Studio WorldVLA export");
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.toList()).containsExactly(out.resolve("thesis.tex"));
        }
        assertThat(Files.readString(out.resolve("thesis.tex"))).isEqualTo("precious");
    }

    @Test
    void reExportRewritesNothingUnchangedAndOnlyWhatChanged() throws Exception {
        export(exporter(), ExportFixtures.all(ws), WorldVlaSettings.defaults());
        Map<Path, Object> inodes = inodes(out);
        WorldVlaExporter.Result again = export(exporter(), ExportFixtures.all(ws), WorldVlaSettings.defaults());
        assertThat(again.written()).isZero();
        assertThat(again.reused()).isEqualTo(5);
        Map<Path, Object> after = inodes(out);
        after.keySet().retainAll(inodes.keySet());
        assertThat(after).as("same files (same inodes): nothing rewritten").isEqualTo(inodes);

        ws.edit(demo("open_the_door", "demo_1").ref(), ReviewEdit.create().trim(1, 8));
        WorldVlaExporter.Result changed = export(exporter(), ExportFixtures.all(ws), WorldVlaSettings.defaults());
        assertThat(changed.written()).isEqualTo(1);
        assertThat(changed.reused()).isEqualTo(4);
        Map<Path, Object> third = inodes(out);
        for (Map.Entry<Path, Object> e : inodes.entrySet()) {
            String p = e.getKey().toString();
            if (p.startsWith("files/") && !p.contains("open_the_door/trj_1/")) {
                assertThat(third.get(e.getKey())).as(p).isEqualTo(e.getValue());
            }
        }
        assertThat(third.get(Path.of("files/libero_10/open_the_door/trj_1/imgs/image_0.png")))
                .isNotEqualTo(inodes.get(Path.of("files/libero_10/open_the_door/trj_1/imgs/image_0.png")));
        assertThat(out.resolve("files/libero_10/open_the_door/trj_1/imgs/image_7.png")).doesNotExist();
    }

    @Test
    void anUnreadableFrameNamesFileDemoAndStep() throws Exception {
        WorldVlaExporter e = new WorldVlaExporter(brokenAtStep5(), 2, Files::write, p -> Long.MAX_VALUE, "test");
        assertThatThrownBy(() -> export(e, ExportFixtures.all(ws), WorldVlaSettings.defaults()))
                .isInstanceOf(ExportException.class).hasMessageContaining("step 5").hasMessageContaining("demo_0")
                .hasMessageContaining("KITCHEN_SCENE3_put_the_pot_on_the_stove_demo.hdf5");
        assertThat(out).doesNotExist();
        assertThat(out.resolveSibling("export.part")).doesNotExist();
    }

    @Test
    void aFailedExportStopsItsWritersBeforeItDeletesWhatTheyWrite() throws Exception {
        // writers still busy with steps 0-4 when step 5 fails: the export must not return (and delete export.part)
        // while one of them can still write into it
        java.util.concurrent.atomic.AtomicInteger busy = new java.util.concurrent.atomic.AtomicInteger();
        WorldVlaExporter.FileSink slow = (file, data) -> {
            busy.incrementAndGet();
            try {
                long end = System.nanoTime() + 300_000_000L;
                while (System.nanoTime() < end) {
                    java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L); // ignores interrupts, as a disk write does
                }
                Files.write(file, data);
            } finally {
                busy.decrementAndGet();
            }
        };
        WorldVlaExporter e = new WorldVlaExporter(brokenAtStep5(), 2, slow, p -> Long.MAX_VALUE, "test");
        assertThatThrownBy(() -> export(e, ExportFixtures.all(ws), WorldVlaSettings.defaults()))
                .isInstanceOf(ExportException.class).hasMessageContaining("step 5");
        assertThat(busy.get()).as("writers still running when the export gave up").isZero();
        assertThat(out).doesNotExist();
        assertThat(out.resolveSibling("export.part")).doesNotExist();
    }

    /** The real reader, except that frame 5 of every demo fails as a checksum error does. */
    private DemoReader brokenAtStep5() {
        DemoReader real = new Hdf5DemoReader();
        return path -> {
            DemoFile f = real.open(path);
            return (DemoFile) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DemoFile.class}, (p, m, a) -> {
                Object v = invoke(f, m, a);
                if (m.getName().equals("openDemo")) {
                    Demo d = (Demo) v;
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Demo.class}, (p2, m2, a2) -> {
                        if (m2.getName().equals("frame") && (int) a2[1] == 5) {
                            throw new DatasetException(path, "/data/" + d.name() + "/obs/agentview_rgb", "a readable frame",
                                    "a checksum error");
                        }
                        return invoke(d, m2, a2);
                    });
                }
                return v;
            });
        };
    }

    private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Map<Path, String> checksums(Path root) throws IOException {
        Map<Path, String> out = new HashMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p), java.util.HexFormat.of().formatHex(
                        WorldVlaExporter.sha256().digest(Files.readAllBytes(p))));
            }
        }
        return out;
    }

    private static Map<Path, Object> inodes(Path root) throws IOException {
        Map<Path, Object> out = new HashMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p), Files.getAttribute(p, "unix:ino"));
            }
        }
        return out;
    }
}
