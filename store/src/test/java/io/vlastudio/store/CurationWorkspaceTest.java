package io.vlastudio.store;

import io.vlastudio.dataset.Orientation;
import io.vlastudio.dataset.DatasetVariant;
import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.TaskNames;
import io.vlastudio.dataset.export.CuratedExport;
import io.vlastudio.dataset.export.ExportException;
import io.vlastudio.dataset.export.ExportResult;
import io.vlastudio.dataset.hdf5.Hdf5DemoReader;
import io.vlastudio.dataset.synthetic.SuiteSpec;
import io.vlastudio.dataset.testing.PythonFixtures;
import io.vlastudio.store.curation.Curation;
import io.vlastudio.store.curation.CurationRow;
import io.vlastudio.store.curation.Manifest;
import io.vlastudio.store.curation.ManifestDiff;
import io.vlastudio.store.curation.Mix;
import io.vlastudio.store.curation.MixComponent;
import io.vlastudio.store.curation.MixCounter;
import io.vlastudio.store.curation.MixCounts;
import io.vlastudio.store.curation.MixExport;
import io.vlastudio.store.curation.MixSettings;
import io.vlastudio.store.curation.SplitPart;
import io.vlastudio.store.curation.SplitSpec;
import io.vlastudio.tokenizer.image.CodeGrid;
import io.vlastudio.tokenizer.sequence.ChameleonVocabulary;
import io.vlastudio.tokenizer.sequence.TokenSequenceBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Views, splits, mixes and the curated export on a real (synthetic, h5py-readable) indexed suite. */
class CurationWorkspaceTest {

    @TempDir
    Path dir;
    private Path suite;
    private Workspace ws;
    private Curation curation;
    private List<DemoRecord> demos;

    @BeforeEach
    void indexAndReview() throws Exception {
        suite = TestData.smallSuite(dir);
        ws = TestData.workspaces().open(dir.resolve("ws"));
        ws.index(List.of(suite), Progress.NONE, () -> false);
        curation = ws.curation();
        demos = ws.demos(DemoQuery.all());
        ws.edit(demos.get(0).ref(), ReviewEdit.create().verdict(Verdict.REJECTED).addTag("bad grasp"));
        ws.edit(demos.get(1).ref(), ReviewEdit.create().verdict(Verdict.ACCEPTED).trim(5, 40)
                .exclude(StepExclusion.steps(10, 13)));
        ws.edit(demos.get(2).ref(), ReviewEdit.create().verdict(Verdict.ACCEPTED).exclude(StepExclusion.noOps()));
    }

    @AfterEach
    void close() {
        ws.close();
    }

    @Test
    void savesViewsAndSelectsWithThem() throws Exception {
        curation.saveView("clean", "verdict != rejected and length >= 10");
        curation.saveView("bad", "tag = \"bad grasp\"");
        assertThat(curation.views()).extracting(v -> v.name()).containsExactly("bad", "clean");
        assertThat(curation.select(curation.view("bad").orElseThrow().expression()))
                .extracting(CurationRow::id).containsExactly(demos.get(0).id());
        assertThat(curation.select("verdict != rejected and length >= 10")).hasSize(demos.size() - 1);
        assertThatThrownBy(() -> curation.saveView("broken", "length >="))
                .hasMessageStartingWith("column 10: expected a number after '>='");
        assertThat(curation.view("broken")).isEmpty();
    }

    @Test
    void splitsAreStoredAndStableUnderReindexing() throws Exception {
        curation.createSplit("s1", SplitSpec.worldVla(), null, false);
        Map<Long, SplitPart> before = curation.splitMembers("s1");
        assertThat(before).hasSize(demos.size());
        // touch every file (new mtime, same content) and index again: ids and parts stay
        try (Stream<Path> files = Files.list(suite)) {
            for (Path f : files.toList()) {
                Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
            }
        }
        ws.index(List.of(suite), Progress.NONE, () -> false);
        assertThat(curation.splitMembers("s1")).isEqualTo(before);
        curation.createSplit("s2", SplitSpec.worldVla(), null, false);
        assertThat(curation.splitMembers("s2")).isEqualTo(before);
        assertThatThrownBy(() -> curation.createSplit("s1", SplitSpec.stratified(1), null, false))
                .hasMessageContaining("a split named s1 exists");
    }

    @Test
    void countsAMixLiveAndWarns() throws Exception {
        curation.saveView("all", "");
        curation.saveView("accepted", "verdict = accepted");
        curation.saveView("none", "length > 100000");
        Mix mix = new Mix("m", List.of(MixComponent.view("accepted", 1)), MixSettings.defaults());
        MixCounts one = curation.count(mix);
        CurationRow trimmed = curation.rows().stream().filter(r -> r.id() == demos.get(1).id()).findFirst().orElseThrow();
        assertThat(trimmed.keptSteps()).hasSize(32);
        int kept2 = curation.rows().stream().filter(r -> r.id() == demos.get(2).id()).findFirst().orElseThrow().keptSteps().length;
        assertThat(one.demos()).isEqualTo(2);
        assertThat(one.steps()).isEqualTo(32 + kept2);
        assertThat(one.actionSamples()).isEqualTo((32 - 5 + 1) + (kept2 - 5 + 1));
        assertThat(one.worldSamples()).isEqualTo(31 + kept2 - 1);
        assertThat(one.estimatedTokens()).isGreaterThan(one.actionSamples() * 276);
        assertThat(one.warnings()).isEmpty();

        MixCounts two = curation.count(mix.withComponents(List.of(MixComponent.view("accepted", 2), MixComponent.view("all", 1),
                MixComponent.view("none", 1))));
        assertThat(two.actionSamples()).isGreaterThan(2 * one.actionSamples());
        assertThat(two.warnings()).anyMatch(w -> w.contains("view:all pulls in 1 rejected demo"))
                .anyMatch(w -> w.contains("view:none selects no demos"))
                .anyMatch(w -> w.contains("2 demos are in more than one component"));
        MixCounts world = curation.count(mix.withSettings(MixSettings.defaults().withSamples(MixSettings.Samples.WORLD)));
        assertThat(world.actionSamples()).isZero();
        assertThat(world.worldSamples()).isEqualTo(one.worldSamples());
    }

    @Test
    void aDeletedMixIsGoneAndTheOthersStay() throws Exception {
        curation.saveView("clean", "verdict != rejected");
        Mix a = new Mix("a", List.of(MixComponent.view("clean", 1)), MixSettings.defaults());
        Mix b = new Mix("b", List.of(MixComponent.view("clean", 2)), MixSettings.defaults());
        curation.saveMix(a);
        curation.saveMix(b);
        assertThat(curation.deleteMix("a")).isTrue();
        assertThat(curation.deleteMix("a")).isFalse();
        assertThat(curation.mix("a")).isEmpty();
        assertThat(curation.mixes()).containsExactly("b");
        assertThat(curation.view("clean")).isPresent();
    }

    @Test
    void mixTokensAreTheLengthsOfTheSequencesTheTokenizerPreviewBuilds() throws Exception {
        // one owner for WorldVLA's rules: the count is the sum of the real sequences' lengths, sample by sample
        curation.saveView("accepted", "verdict = accepted");
        MixSettings settings = MixSettings.defaults().withHistory(2).withChunk(5).withResolution(128);
        Mix mix = new Mix("m", List.of(MixComponent.view("accepted", 1)), settings);
        TokenSequenceBuilder builder = new TokenSequenceBuilder(ChameleonVocabulary.fallback(), null, "test");
        int side = settings.resolution() / 16;
        CodeGrid grid = new CodeGrid(side, side, new int[side * side], Orientation.ROT180);
        TokenSequenceBuilder.StepAction action = new TokenSequenceBuilder.StepAction(0, new int[7]);
        long tokens = 0;
        for (CurationRow r : curation.select("verdict = accepted")) {
            int steps = r.keptSteps().length;
            String prompt = TokenSequenceBuilder.actionPrompt(MixCounter.taskText(r, settings));
            // without a text tokenizer the builder shows the prompt as one placeholder; the counter estimates it
            int actionText = (prompt.length() + 3) / 4 - 1;
            int worldText = (TokenSequenceBuilder.WORLD_MODEL_PROMPT.length() + 3) / 4 - 1;
            for (int j = 0; j < steps; j++) {
                if (TokenSequenceBuilder.hasActionChunk(j, settings.chunk(), steps)) {
                    List<TokenSequenceBuilder.StepImage> images = TokenSequenceBuilder.historySteps(j, settings.history())
                            .stream().map(k -> new TokenSequenceBuilder.StepImage(k, grid)).toList();
                    tokens += builder.actionModel(j, "x", images, java.util.Collections.nCopies(settings.chunk(), action))
                            .length() + actionText;
                }
                if (TokenSequenceBuilder.hasNextFrame(j, steps)) {
                    tokens += builder.worldModel(j, new TokenSequenceBuilder.StepImage(j, grid), action,
                            new TokenSequenceBuilder.StepImage(j + 1, grid)).length() + worldText;
                }
            }
        }
        assertThat(curation.count(mix).estimatedTokens()).isEqualTo(tokens).isPositive();
    }

    @Test
    void manifestsRoundTripAndDiff() throws Exception {
        curation.saveView("clean", "verdict != rejected");
        curation.createSplit("s", SplitSpec.stratified(3), "clean", false);
        Mix mix = new Mix("m", List.of(MixComponent.split("s", SplitPart.TRAIN, 1), MixComponent.view("clean", 1)),
                MixSettings.defaults());
        curation.saveMix(mix);
        assertThat(curation.mix("m")).contains(mix);
        Manifest a = curation.manifest(mix, "1.0-test");
        Manifest back = Manifest.parse(a.toJson());
        assertThat(back.toJson()).isEqualTo(a.toJson());
        assertThat(ManifestDiff.diff(a, back)).isEmpty();
        Map<String, Object> d1 = back.demos().stream().filter(d -> d.get("demo").equals(demos.get(1).demo())
                && d.get("file").equals(demos.get(1).file().toString())).findFirst().orElseThrow();
        assertThat(d1.get("kept_steps")).isEqualTo(List.of(List.of(5L, 10L), List.of(13L, 40L)));
        assertThat(((Map<?, ?>) d1.get("edits")).get("trim")).isEqualTo(List.of(5L, 40L));
        assertThat(d1.get("fingerprint")).isEqualTo(ws.files().get(0).fingerprint());

        ws.edit(demos.get(1).ref(), ReviewEdit.create().verdict(Verdict.REJECTED));
        Mix changed = mix.withSettings(MixSettings.defaults().withChunk(10));
        Manifest b = curation.manifest(changed, "1.0-test");
        List<String> diff = ManifestDiff.diff(a, b);
        assertThat(diff).contains("~ setting chunk: 5 -> 10")
                .anyMatch(l -> l.startsWith("- demo libero_small/" + demos.get(1).file().getFileName() + "#" + demos.get(1).demo()))
                .last().asString().startsWith("0 demos added, 1 removed");
    }

    @Test
    void exportsAViewWithEditsAppliedAndReadsItBackWithH5py() throws Exception {
        curation.saveView("all", "");
        Manifest manifest = curation.manifest(new Mix("view-all", List.of(MixComponent.view("all", 1)), MixSettings.defaults()),
                "test");
        Map<Path, String> before = TestData.checksums(List.of(suite));
        Path out = dir.resolve("export");
        List<long[]> progress = new ArrayList<>();
        ExportResult result = new MixExport(new Hdf5DemoReader()).export(curation, manifest, out,
                (done, total, msg) -> progress.add(new long[] {done, total}), () -> false);

        assertThat(TestData.checksums(List.of(suite))).isEqualTo(before);
        assertThat(result.demos()).isEqualTo(demos.size() - 1); // the rejected demo is left out
        assertThat(result.files()).hasSize(3).last().isEqualTo(out.resolve("manifest.json"));
        assertThat(progress).isNotEmpty().last().satisfies(p -> assertThat(p[0]).isEqualTo(p[1]));
        try (Stream<Path> left = Files.walk(out)) {
            assertThat(left.filter(p -> p.getFileName().toString().endsWith(".part"))).isEmpty();
        }

        // value by value with h5py: every dataset of each source demo at the kept steps, attributes updated
        List<Object> files = new ArrayList<>();
        Map<String, List<Object>> byFile = new LinkedHashMap<>();
        for (Map<String, Object> d : manifest.demos()) {
            String as = (String) d.get("exported_as");
            int hash = as.lastIndexOf('#');
            List<Long> kept = new ArrayList<>();
            for (Object r : (List<?>) d.get("kept_steps")) {
                List<?> range = (List<?>) r;
                for (long s = (Long) range.get(0); s < (Long) range.get(1); s++) {
                    kept.add(s);
                }
            }
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("name", as.substring(hash + 1));
            spec.put("source", d.get("file"));
            spec.put("demo", d.get("demo"));
            spec.put("kept", kept);
            byFile.computeIfAbsent(out.resolve(as.substring(0, hash)).toString(), k -> new ArrayList<>()).add(spec);
        }
        byFile.forEach((f, ds) -> files.add(Map.of("exported", f, "demos", ds)));
        Path spec = dir.resolve("spec.json");
        Files.writeString(spec, Json.write(Map.of("files", files)));
        String report = PythonFixtures.runScript("io/vlastudio/dataset/export/compare_export.py", spec.toString());
        assertThat(report).endsWith("ok\n");

        // the manifest beside the files states what the export applied: frames unchanged, no training settings
        String written = Files.readString(out.resolve("manifest.json"));
        Manifest applied = Manifest.parse(written);
        assertThat(applied.settings()).isEmpty();
        assertThat(written).doesNotContain("rot180").doesNotContain("\"resolution\"").doesNotContain("estimated_tokens");
        assertThat((String) applied.export().get("frames")).contains("not resized, not rotated");
        assertThat(applied.demos()).hasSize(result.demos());

        // the trimmed demo (steps 5..40 without 10..12) and the one without no-ops are shorter than their sources
        Map<String, Object> trimmed = manifest.demos().stream().filter(d -> d.get("demo").equals(demos.get(1).demo())
                && d.get("file").equals(demos.get(1).file().toString())).findFirst().orElseThrow();
        assertThat(trimmed.get("kept")).isEqualTo(32L);
        assertThat(manifest.demos()).noneMatch(d -> d.get("demo").equals(demos.get(0).demo())
                && d.get("file").equals(demos.get(0).file().toString()));
    }

    @Test
    void aCuratedNoNoopsExportLoadsWhereItsSourceDoesNotAndEndsEveryDemoOnATerminalStep() throws Exception {
        Path noNoops = TestData.smallSuite(dir.resolve("nn"), SuiteSpec.defaults(DatasetVariant.NO_NOOPS).withTasks(1)
                .withDemosPerTask(3).withImageSize(32).withFailuresPerTask(0));
        try (Workspace w = TestData.workspaces().open(dir.resolve("ws-nn"))) {
            w.index(List.of(noNoops), Progress.NONE, () -> false);
            List<DemoRecord> ds = w.demos(DemoQuery.all());
            w.edit(ds.get(0).ref(), ReviewEdit.create().verdict(Verdict.ACCEPTED).trim(2, 12));
            Curation c = w.curation();
            c.saveView("all", "");
            Manifest manifest = c.manifest(new Mix("view-all", List.of(MixComponent.view("all", 1)), MixSettings.defaults()),
                    "test");
            ExportResult result = new MixExport(new Hdf5DemoReader()).export(c, manifest, dir.resolve("nn-export"),
                    Progress.NONE, () -> false);
            Path source = ds.get(0).file();
            Path exported = result.files().get(0);
            String[] lines = PythonFixtures.runScript("io/vlastudio/store/load_like_libero.py", source.toString(),
                    exported.toString()).strip().split("\n");
            Map<?, ?> before = (Map<?, ?>) Json.parse(lines[0]);
            Map<?, ?> after = (Map<?, ?>) Json.parse(lines[1]);
            assertThat(before.get("loads")).as(lines[0]).isEqualTo(false);
            assertThat((String) before.get("error")).contains("num_samples");
            assertThat(after.get("loads")).as(lines[1]).isEqualTo(true);
            assertThat(after.get("language")).isEqualTo(TaskNames.languageFromTaskName(TaskNames.taskName(source)));
            assertThat(after.get("total")).isEqualTo(result.steps());
            assertThat(after.get("frame_shape")).isEqualTo(List.of(32L, 32L, 3L));
            // the trimmed demo ends on a step its source did not end on: that step is terminal, and the only one
            List<Long> ones = java.util.Collections.nCopies(result.demos(), 1L);
            assertThat(result.demos()).isGreaterThan(1);
            assertThat(after.get("last_dones")).isEqualTo(ones);
            assertThat(after.get("dones_sum")).isEqualTo(ones);
            assertThat(result.notes()).anyMatch(n -> n.contains("its source carried no env_args, problem_info")
                            && n.contains("SequenceDataset"))
                    .anyMatch(n -> n.startsWith("1 demo ends before its source's last step"));
        }
    }

    @Test
    void refusesToExportWhenASourceChangedSinceReviewNamingTheFiles() throws Exception {
        curation.saveView("all", "");
        Manifest manifest = curation.manifest(new Mix("v", List.of(MixComponent.view("all", 1)), MixSettings.defaults()), "t");
        Path changed = demos.get(1).file();
        try (FileChannel ch = FileChannel.open(changed, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), 100); // a byte in the first 64 KiB
        }
        Path out = dir.resolve("export");
        assertThatThrownBy(() -> new MixExport(new Hdf5DemoReader()).export(curation, manifest, out, Progress.NONE, () -> false))
                .isInstanceOf(MixExport.SourcesChangedException.class)
                .hasMessageContaining(changed.toString())
                .hasMessageContaining("Nothing was exported");
        assertThat(out).doesNotExist();
    }

    @Test
    void aFullDiskLeavesNoFileUnderTheFinalName() throws Exception {
        curation.saveView("all", "");
        Manifest manifest = curation.manifest(new Mix("v", List.of(MixComponent.view("all", 1)), MixSettings.defaults()), "t");
        Path out = dir.resolve("export");
        CuratedExport full = new CuratedExport(new Hdf5DemoReader(), file -> new FullDiskChannel(
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE),
                200_000));
        assertThatThrownBy(() -> new MixExport(full).export(curation, manifest, out, Progress.NONE, () -> false))
                .isInstanceOf(ExportException.class)
                .hasMessageContaining("No space left on device")
                .hasMessageContaining("nothing was left under that name");
        try (Stream<Path> left = Files.walk(out)) {
            assertThat(left.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void cancellingAnExportRemovesTheFileBeingWritten() throws Exception {
        curation.saveView("all", "");
        Manifest manifest = curation.manifest(new Mix("v", List.of(MixComponent.view("all", 1)), MixSettings.defaults()), "t");
        Path out = dir.resolve("export");
        assertThatThrownBy(() -> new MixExport(new Hdf5DemoReader()).export(curation, manifest, out, Progress.NONE, () -> true))
                .isInstanceOf(java.util.concurrent.CancellationException.class);
        try (Stream<Path> left = Files.walk(out)) {
            assertThat(left.filter(Files::isRegularFile)).isEmpty();
        }
    }

    /** A channel on a disk with {@code free} bytes left: writes past them fail as the kernel's ENOSPC does. */
    static final class FullDiskChannel extends FileChannel {
        private final FileChannel delegate;
        private long free;

        FullDiskChannel(FileChannel delegate, long free) {
            this.delegate = delegate;
            this.free = free;
        }

        private int check(ByteBuffer src) throws IOException {
            if (src.remaining() > free) {
                throw new IOException("No space left on device");
            }
            free -= src.remaining();
            return src.remaining();
        }

        @Override public int read(ByteBuffer dst) throws IOException { return delegate.read(dst); }
        @Override public long read(ByteBuffer[] dsts, int offset, int length) throws IOException { return delegate.read(dsts, offset, length); }
        @Override public int write(ByteBuffer src) throws IOException { check(src); return delegate.write(src); }
        @Override public long write(ByteBuffer[] srcs, int offset, int length) throws IOException { throw new IOException("No space left on device"); }
        @Override public long position() throws IOException { return delegate.position(); }
        @Override public FileChannel position(long p) throws IOException { delegate.position(p); return this; }
        @Override public long size() throws IOException { return delegate.size(); }
        @Override public FileChannel truncate(long size) throws IOException { delegate.truncate(size); return this; }
        @Override public void force(boolean metaData) throws IOException { delegate.force(metaData); }
        @Override public long transferTo(long position, long count, java.nio.channels.WritableByteChannel target) throws IOException { return delegate.transferTo(position, count, target); }
        @Override public long transferFrom(java.nio.channels.ReadableByteChannel src, long position, long count) throws IOException { throw new IOException("No space left on device"); }
        @Override public int read(ByteBuffer dst, long position) throws IOException { return delegate.read(dst, position); }
        @Override public int write(ByteBuffer src, long position) throws IOException { check(src); return delegate.write(src, position); }
        @Override public java.nio.MappedByteBuffer map(MapMode mode, long position, long size) throws IOException { throw new IOException("not mappable"); }
        @Override public java.nio.channels.FileLock lock(long position, long size, boolean shared) throws IOException { return delegate.lock(position, size, shared); }
        @Override public java.nio.channels.FileLock tryLock(long position, long size, boolean shared) throws IOException { return delegate.tryLock(position, size, shared); }
        @Override protected void implCloseChannel() throws IOException { delegate.close(); }
    }
}
