package io.vlastudio.store.curation;

import io.vlastudio.dataset.DemoReader;
import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.export.CuratedExport;
import io.vlastudio.dataset.export.ExportDemo;
import io.vlastudio.dataset.export.ExportException;
import io.vlastudio.dataset.export.ExportFile;
import io.vlastudio.dataset.export.ExportResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * Exports a mix (or a view, as a one-component mix) as curated LIBERO-layout HDF5 files, driven by its manifest:
 * every demo the manifest lists, once, with its kept steps, into {@code <suite>/<task>_demo.hdf5} as
 * {@code exported_as} says; then {@code manifest.json} beside them, stating what the export applied
 * ({@link Manifest#forCuratedExport}: frames unchanged, edits applied, attributes completed; not the mix's training
 * settings). Before anything is written, every source file's
 * fingerprint is checked against the one it was indexed and reviewed with: a changed file stops the export with a
 * message naming every such file.
 */
public final class MixExport {

    /**
     * Source files changed (or vanished) since they were indexed: the reviews may not fit them any more. Every export
     * of reviewed data (this one, the WorldVLA export) stops with it before writing anything.
     */
    public static final class SourcesChangedException extends ExportException {
        private final List<Path> files;

        public SourcesChangedException(List<Path> files) {
            super(files.get(0), (files.size() == 1 ? "a source file changed" : files.size() + " source files changed")
                    + " since they were indexed and reviewed, so the reviewed edits may not fit them: "
                    + String.join(", ", files.stream().map(Path::toString).toList())
                    + ". Nothing was exported. Index them again (vla-studio index) and check their reviews, then export.", null);
            this.files = List.copyOf(files);
        }

        public List<Path> files() {
            return files;
        }
    }

    private final CuratedExport export;

    public MixExport(DemoReader reader) {
        this(new CuratedExport(reader));
    }

    public MixExport(CuratedExport export) {
        this.export = export;
    }

    /** The export plan of a manifest: one file per task, demos in manifest order. */
    public static List<ExportFile> plan(Manifest manifest) {
        Map<String, List<ExportDemo>> files = new LinkedHashMap<>();
        for (Map<String, Object> d : manifest.demos()) {
            String as = (String) d.get("exported_as");
            int hash = as.lastIndexOf('#');
            List<Integer> steps = new ArrayList<>();
            for (Object r : (List<?>) d.get("kept_steps")) {
                List<?> range = (List<?>) r;
                IntStream.range(((Number) range.get(0)).intValue(), ((Number) range.get(1)).intValue()).forEach(steps::add);
            }
            files.computeIfAbsent(as.substring(0, hash), k -> new ArrayList<>()).add(new ExportDemo(
                    Path.of((String) d.get("file")), (String) d.get("demo"), steps.stream().mapToInt(Integer::intValue).toArray(),
                    as.substring(hash + 1)));
        }
        List<ExportFile> out = new ArrayList<>();
        files.forEach((k, v) -> out.add(new ExportFile(Path.of(k), v)));
        return out;
    }

    /**
     * Checks the sources, writes the files and the manifest.
     *
     * @throws SourcesChangedException naming every changed source, before anything is written
     */
    public ExportResult export(Curation curation, Manifest manifest, Path outDir, Progress progress,
                               BooleanSupplier cancelled) throws IOException {
        Set<Path> sources = new LinkedHashSet<>();
        for (Map<String, Object> d : manifest.demos()) {
            sources.add(Path.of((String) d.get("file")));
        }
        List<Path> changed = curation.changedFiles(sources);
        if (!changed.isEmpty()) {
            throw new SourcesChangedException(changed);
        }
        Files.createDirectories(outDir);
        ExportResult result = export.export(plan(manifest), outDir, progress, cancelled);
        Path file = outDir.resolve("manifest.json");
        Path temp = outDir.resolve(".manifest.json.part");
        try {
            Manifest applied = manifest.forCuratedExport(result.demos(), result.steps(), result.files().size(),
                    result.bytes(), result.notes());
            Files.writeString(temp, applied.toJson(), StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw new ExportException(file, "writing " + file + " failed (" + e.getMessage() + ")", e);
        }
        List<Path> files = new ArrayList<>(result.files());
        files.add(file);
        return new ExportResult(files, result.demos(), result.steps(), result.bytes(), result.notes());
    }
}
