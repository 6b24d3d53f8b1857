package io.vlastudio.training.studio;

import io.vlastudio.dataset.DatasetVariant;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.Orientation;
import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.hdf5.Hdf5DemoReader;
import io.vlastudio.dataset.synthetic.GeneratorSettings;
import io.vlastudio.dataset.synthetic.SuiteSpec;
import io.vlastudio.dataset.synthetic.SyntheticSuiteWriter;
import io.vlastudio.tokenizer.image.CodeGrid;
import io.vlastudio.tokenizer.image.FrameFitter;
import io.vlastudio.tokenizer.image.PatchCodebookTokenizer;
import io.vlastudio.tokenizer.image.PatchCodebookTrainer;
import io.vlastudio.tokenizer.torch.TorchRuntime;
import io.vlastudio.tokenizer.torch.TorchSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The token cache: a second preparation of the same export and tokenizer reads no frame; what changed is rebuilt. */
class TokenCacheTest {

    @TempDir
    static Path dir;
    static Path export;
    static Path tokenizer;
    static Path otherTokenizer;
    static final TorchRuntime RUNTIME = new TorchRuntime(TorchSettings.defaults().withThreads(1));

    @BeforeAll
    static void makeExport() throws Exception {
        List<Path> suite = new SyntheticSuiteWriter(GeneratorSettings.defaults()).write(dir.resolve("libero_tiny"),
                SuiteSpec.defaults(DatasetVariant.NO_NOOPS).withTasks(1).withDemosPerTask(4).withImageSize(32)
                        .withFailuresPerTask(0), Progress.NONE, () -> false);
        List<DemoFile> files = new ArrayList<>();
        for (Path f : suite) {
            files.add(new Hdf5DemoReader().open(f));
        }
        tokenizer = train(files, 7, "tokenizer");
        otherTokenizer = train(files, 8, "tokenizer-b");
        files.forEach(DemoFile::close);
        export = ExportFixture.write(dir.resolve("export"), "libero_tiny", suite, 2, 3, 8, true);
    }

    static Path train(List<DemoFile> files, long seed, String name) throws Exception {
        PatchCodebookTrainer.Settings s = new PatchCodebookTrainer.Settings(16, 32, 16, 3, 2000, 2, 5, 4, "agentview",
                Orientation.ROT180, seed);
        Path out = dir.resolve(name);
        try (PatchCodebookTokenizer t = new PatchCodebookTrainer(RUNTIME, new FrameFitter()).train(files, s, Progress.NONE::report,
                () -> false)) {
            t.save(out, RUNTIME).close();
        }
        return out;
    }

    /** One preparation of the export with a tokenizer through the cache file the trainer uses. */
    static SampleEncoder.PreloadReport preload(Path tok, Path exportDir, List<CodeGrid> codesOut) throws Exception {
        StudioTrainer.Options o = StudioTrainer.Options.defaults(exportDir, dir.resolve("unused"), tok);
        StudioTrainer.Prepared prep = StudioTrainer.prepare(o, RUNTIME);
        try (var ignored = prep.tokenizer()) {
            List<ExportData.Record> records = prep.data().records();
            SampleEncoder.PreloadReport r = prep.encoder().preload(records, exportDir, StudioTrainer.tokenCacheFile(o, prep.spec()),
                    StudioTrainer.tokenCacheKey(o, prep.spec()), 2, () -> false, null);
            if (codesOut != null) {
                for (ExportData.Record rec : records) {
                    for (Path p : rec.images()) {
                        codesOut.add(prep.encoder().codes(p));
                    }
                }
            }
            return r;
        }
    }

    @Test
    void theSecondPreparationReadsEveryFrameFromTheCacheWithTheSameCodes() throws Exception {
        Path copy = copyExport("export-hit");
        List<CodeGrid> first = new ArrayList<>();
        SampleEncoder.PreloadReport a = preload(tokenizer, copy, first);
        assertThat(a.framesFromCache()).isZero();
        assertThat(a.frames()).isGreaterThan(20);
        assertThat(a.written()).isTrue();
        assertThat(a.cacheFile()).exists().hasParent(copy.resolve(TokenCache.DIR));
        assertThat(a.cacheProblem()).contains("no token cache yet");

        List<CodeGrid> second = new ArrayList<>();
        SampleEncoder.PreloadReport b = preload(tokenizer, copy, second);
        assertThat(b.framesFromCache()).isEqualTo(b.frames());
        assertThat(b.actionsFromCache()).isEqualTo(b.actions());
        assertThat(b.cacheProblem()).isNull();
        assertThat(b.written()).isFalse();
        assertThat(second).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i).codes()).isEqualTo(first.get(i).codes());
            assertThat(second.get(i).rows()).isEqualTo(first.get(i).rows());
        }
        // the batch encoding gives the codes one frame at a time gives
        StudioTrainer.Options o = StudioTrainer.Options.defaults(copy, dir.resolve("unused"), tokenizer);
        StudioTrainer.Prepared prep = StudioTrainer.prepare(o, RUNTIME);
        try (var ignored = prep.tokenizer()) {
            Path png = prep.data().records().get(0).images().get(0);
            assertThat(prep.encoder().codes(png).codes()).isEqualTo(first.get(0).codes());
        }
    }

    @Test
    void anotherTokenizerMissesAndAFileOfAnotherTokenizerIsRebuilt() throws Exception {
        Path copy = copyExport("export-tok");
        preload(tokenizer, copy, null);
        SampleEncoder.PreloadReport other = preload(otherTokenizer, copy, null);
        assertThat(other.framesFromCache()).isZero();
        assertThat(other.cacheFile()).isNotEqualTo(StudioTrainer.tokenCacheFile(
                StudioTrainer.Options.defaults(copy, dir, tokenizer), preparedSpec(tokenizer, copy)));

        // the same file name, but written for another tokenizer (e.g. a tokenizer folder replaced in place)
        Path mine = StudioTrainer.tokenCacheFile(StudioTrainer.Options.defaults(copy, dir, tokenizer), preparedSpec(tokenizer, copy));
        Files.copy(other.cacheFile(), mine, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        SampleEncoder.PreloadReport again = preload(tokenizer, copy, null);
        assertThat(again.cacheProblem()).contains("another image tokenizer").contains("rebuilding");
        assertThat(again.framesFromCache()).isZero();
        assertThat(preload(tokenizer, copy, null).framesFromCache()).isEqualTo(again.frames());
    }

    @Test
    void aChangedExportIsRebuiltAndAFrameChangedInPlaceIsReadAgain() throws Exception {
        Path copy = copyExport("export-changed");
        SampleEncoder.PreloadReport a = preload(tokenizer, copy, null);
        // a re-export writes a new manifest
        Path manifest = copy.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replaceFirst("\\{", "{\"note\": \"exported again\","));
        SampleEncoder.PreloadReport b = preload(tokenizer, copy, null);
        assertThat(b.cacheProblem()).contains("the export changed since").contains("rebuilding");
        assertThat(b.framesFromCache()).isZero();
        assertThat(b.written()).isTrue();

        // one frame rewritten in place: only it is read and tokenized again
        Path png = ExportData.read(copy).records().get(0).images().get(0);
        Files.setLastModifiedTime(png, FileTime.fromMillis(Files.getLastModifiedTime(png).toMillis() + 5_000));
        SampleEncoder.PreloadReport c = preload(tokenizer, copy, null);
        assertThat(c.cacheProblem()).isNull();
        assertThat(c.framesFromCache()).isEqualTo(a.frames() - 1);
        assertThat(c.written()).isTrue();
        assertThat(preload(tokenizer, copy, null).framesFromCache()).isEqualTo(a.frames());
    }

    @Test
    void aDamagedCacheFileIsReportedAndRebuilt() throws Exception {
        Path copy = copyExport("export-damaged");
        SampleEncoder.PreloadReport a = preload(tokenizer, copy, null);
        byte[] bytes = Files.readAllBytes(a.cacheFile());
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(a.cacheFile(), bytes);
        SampleEncoder.PreloadReport b = preload(tokenizer, copy, null);
        assertThat(b.cacheProblem()).contains(a.cacheFile().toString()).contains("damaged").contains("rebuilding");
        assertThat(b.framesFromCache()).isZero();
        assertThat(b.written()).isTrue();

        Files.write(a.cacheFile(), java.util.Arrays.copyOf(Files.readAllBytes(a.cacheFile()), 100));
        SampleEncoder.PreloadReport c = preload(tokenizer, copy, null);
        assertThat(c.cacheProblem()).contains("damaged").contains("rebuilding");

        Files.writeString(a.cacheFile(), "not a cache");
        SampleEncoder.PreloadReport d = preload(tokenizer, copy, null);
        assertThat(d.cacheProblem()).contains(a.cacheFile().toString()).contains("rebuilding");
        assertThat(preload(tokenizer, copy, null).framesFromCache()).isEqualTo(a.frames());
    }

    @Test
    void aReadOnlyExportKeepsItsCacheInTheRunFolder() throws Exception {
        Path copy = copyExport("export-ro");
        Path out = dir.resolve("ro-run");
        assertThat(copy.toFile().setWritable(false)).isTrue();
        try {
            if (Files.isWritable(copy)) {
                return; // running as root: permissions are not enforced
            }
            StudioTrainer.Options o = StudioTrainer.Options.defaults(copy, out, tokenizer);
            assertThat(StudioTrainer.tokenCacheFile(o, preparedSpec(tokenizer, copy))).startsWith(out.resolve(TokenCache.DIR));
        } finally {
            copy.toFile().setWritable(true);
        }
    }

    static ModelSpec preparedSpec(Path tok, Path exportDir) throws Exception {
        StudioTrainer.Prepared p = StudioTrainer.prepare(StudioTrainer.Options.defaults(exportDir, dir, tok), RUNTIME);
        p.tokenizer().close();
        return p.spec();
    }

    /** A copy of the export whose conversations point at its own files (relative paths are kept relative). */
    static Path copyExport(String name) throws Exception {
        Path copy = dir.resolve(name);
        try (var s = Files.walk(export)) {
            for (Path f : s.toList()) {
                Path t = copy.resolve(export.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else if (!f.toString().contains(TokenCache.DIR)) {
                    Files.copy(f, t);
                }
            }
        }
        for (Path conv : Files.list(copy.resolve("convs")).toList()) {
            Files.writeString(conv, Files.readString(conv).replace(export.toString(), copy.toString()));
        }
        return copy;
    }
}
