package io.vlastudio.app.curation;

import io.vlastudio.app.AppContext;
import io.vlastudio.app.StudioPaths;
import io.vlastudio.app.tasks.InlineTaskRunner;
import io.vlastudio.app.tasks.RunningJob;
import io.vlastudio.app.tasks.TaskRunner;
import io.vlastudio.dataset.DatasetVariant;
import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.synthetic.GeneratorSettings;
import io.vlastudio.dataset.synthetic.SuiteSpec;
import io.vlastudio.dataset.synthetic.SyntheticSuiteWriter;
import io.vlastudio.store.Workspace;
import io.vlastudio.store.curation.Mix;
import io.vlastudio.store.curation.MixComponent;
import io.vlastudio.store.curation.MixSettings;
import io.vlastudio.store.curation.SplitPart;
import io.vlastudio.store.curation.SplitSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The curation view model without a toolkit: inline runner, inline "FX" executor, a real workspace. */
class CurationViewModelTest {

    @TempDir
    static Path dir;
    private static AppContext context;
    private final InlineTaskRunner runner = new InlineTaskRunner();
    private CurationViewModel model;

    @BeforeAll
    static void workspace() throws Exception {
        context = new AppContext(new StudioPaths(dir.resolve("home")));
        Path suite = dir.resolve("data/libero_vm");
        new SyntheticSuiteWriter(GeneratorSettings.defaults()).write(suite, SuiteSpec.defaults(DatasetVariant.NO_NOOPS)
                .withTasks(2).withDemosPerTask(5).withImageSize(32).withFailuresPerTask(0), Progress.NONE, () -> false);
        try (Workspace ws = context.workspaces().open(dir.resolve("ws"))) {
            ws.index(List.of(suite), Progress.NONE, () -> false);
            ws.curation().saveView("all", "");
        }
    }

    @BeforeEach
    void model() {
        model = new CurationViewModel(context.workspaces(), dir.resolve("ws"), runner, context.reader(), "test", Runnable::run);
        model.refresh();
    }

    private static java.util.Map<String, Long> perTask() throws Exception {
        try (Workspace ws = context.workspaces().open(dir.resolve("ws"))) {
            return ws.demos(io.vlastudio.store.DemoQuery.all()).stream().collect(java.util.stream.Collectors.groupingBy(
                    d -> d.task(), java.util.TreeMap::new, java.util.stream.Collectors.counting()));
        }
    }

    @Test
    void splitsAreMadeWithEitherRuleAndListed() throws Exception {
        assertThat(model.tasks()).hasSize(2);
        model.createSplit("w", SplitSpec.Mode.WORLDVLA, 0, 0.8, "", null, false);
        assertThat(model.statusProperty().get()).startsWith("split w (worldvla, train fraction 0.80)");
        model.createSplit("st", SplitSpec.Mode.STRATIFIED, 7, 0.6, model.tasks().get(0), "all", false);
        assertThat(model.splits()).extracting(s -> s.name()).contains("w", "st");
        var st = model.splits().stream().filter(s -> s.name().equals("st")).findFirst().orElseThrow();
        java.util.Map<String, Long> perTask = perTask();
        long held = perTask.get(model.tasks().get(0));
        long other = perTask.get(model.tasks().get(1));
        assertThat(st.sizes()).containsEntry(SplitPart.VAL_OOD, (int) held)
                .containsEntry(SplitPart.TRAIN, (int) Math.ceil(0.6 * other)).containsEntry(SplitPart.VAL_IND, (int) (other - Math.ceil(0.6 * other)));
        assertThat(st.source()).isEqualTo("all");

        model.createSplit(" ", SplitSpec.Mode.STRATIFIED, 0, 0.9, "", null, false);
        assertThat(model.statusProperty().get()).isEqualTo("A split needs a name");
        model.createSplit("x", SplitSpec.Mode.WORLDVLA, 0, 0.9, "some_task", null, false);
        assertThat(model.statusProperty().get()).contains("clear the held-out tasks");
        model.createSplit("x", SplitSpec.Mode.STRATIFIED, 0, 1.5, "", null, false);
        assertThat(model.statusProperty().get()).contains("train fraction");
        assertThat(model.busyProperty().get()).isFalse();
    }

    @Test
    void mixesAreDeletedManifestsWrittenAndCompared() throws Exception {
        try (Workspace ws = context.workspaces().open(dir.resolve("ws"))) {
            ws.curation().saveMix(new Mix("one", List.of(MixComponent.view("all", 1)), MixSettings.defaults()));
            ws.curation().saveMix(new Mix("two", List.of(MixComponent.view("all", 1)), MixSettings.defaults().withChunk(10)));
        }
        model.refresh();
        assertThat(model.mixes()).contains("one", "two");
        Path a = dir.resolve("m/one.json");
        Path b = dir.resolve("m/two.json");
        model.writeManifest("one", a);
        model.writeManifest("two", b);
        assertThat(a).exists();
        assertThat(model.lastManifestProperty().get()).isEqualTo(b);
        model.diffManifests(a, b);
        assertThat(model.diffLines()).contains("~ setting chunk: 5 -> 10");
        model.diffManifests(a, a);
        assertThat(model.diffLines()).containsExactly("the manifests describe the same data");
        Files.writeString(dir.resolve("m/bad.json"), "{\"format\": 1");
        model.diffManifests(a, dir.resolve("m/bad.json"));
        assertThat(model.statusProperty().get()).contains("bad.json");

        model.deleteMix("two");
        assertThat(model.mixes()).doesNotContain("two");
        assertThat(model.statusProperty().get()).isEqualTo("Deleted mix two");
        model.writeManifest("two", dir.resolve("m/gone.json"));
        assertThat(model.statusProperty().get()).contains("no mix named two");
    }

    @Test
    void theExportIsPlannedThenWrittenOrCancelledLeavingNothingBehind() throws Exception {
        model.planExport("view:all");
        CurationViewModel.ExportPlan plan = model.planProperty().get();
        int total = (int) perTask().values().stream().mapToLong(Long::longValue).sum();
        assertThat(plan.demos()).isEqualTo(total);
        assertThat(plan.files()).hasSize(3);

        // cancelled at the first progress report, from outside the window (as the status bar's Cancel does)
        RunningJob[] handle = new RunningJob[1];
        runner.setProgressListener(new TaskRunner.ProgressListener() {
            @Override
            public void started(String title, RunningJob job) {
                handle[0] = job;
            }

            @Override
            public void progress(String title, double fraction, String message) {
                handle[0].cancel();
            }

            @Override
            public void finished(String title) {
            }
        });
        Path cancelled = dir.resolve("out-cancelled");
        model.export(cancelled);
        assertThat(model.exportingProperty().get()).isFalse();
        assertThat(model.exportMessageProperty().get()).isEqualTo("Cancelled");
        assertThat(model.exportSummary()).isEmpty();
        try (var files = Files.walk(cancelled)) {
            assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
        }

        runner.setProgressListener(null);
        Path out = dir.resolve("out");
        model.export(out);
        assertThat(model.exportingProperty().get()).isFalse();
        assertThat(model.exportSummary().get(0)).startsWith("Exported " + total + " demos");
        assertThat(model.exportSummary()).anyMatch(l -> l.endsWith("manifest.json"));
        assertThat(out.resolve("manifest.json")).exists();
    }
}
