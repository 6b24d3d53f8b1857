package io.vlastudio.app.curation;

import io.vlastudio.app.AppContext;
import io.vlastudio.app.StudioPaths;
import io.vlastudio.app.mix.MixEditorView;
import io.vlastudio.app.mix.MixEditorViewModel;
import io.vlastudio.app.tasks.FxTaskRunner;
import io.vlastudio.app.tasks.InlineTaskRunner;
import io.vlastudio.dataset.DatasetVariant;
import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.synthetic.GeneratorSettings;
import io.vlastudio.dataset.synthetic.SuiteSpec;
import io.vlastudio.dataset.synthetic.SyntheticSuiteWriter;
import io.vlastudio.store.DemoQuery;
import io.vlastudio.store.ReviewEdit;
import io.vlastudio.store.Verdict;
import io.vlastudio.store.Workspace;
import io.vlastudio.store.curation.Manifest;
import io.vlastudio.store.curation.Mix;
import io.vlastudio.store.curation.MixComponent;
import io.vlastudio.store.curation.MixSettings;
import io.vlastudio.store.curation.SavedSplit;
import io.vlastudio.store.curation.SplitPart;
import io.vlastudio.store.curation.SplitSpec;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Every curation command from the GUI: splits, mixes saved and loaded back, manifests, the curated export. */
@ExtendWith(ApplicationExtension.class)
class CurationUiTest {

    @TempDir
    static Path dir;
    private static AppContext context;
    private static final AtomicInteger OUTS = new AtomicInteger();
    private CurationWindow window;
    private FxTaskRunner fxRunner;

    @BeforeAll
    static void workspace() throws Exception {
        context = new AppContext(new StudioPaths(dir.resolve("home")));
        Path suite = dir.resolve("data/libero_small");
        new SyntheticSuiteWriter(GeneratorSettings.defaults()).write(suite, SuiteSpec.defaults(DatasetVariant.NO_NOOPS)
                .withTasks(3).withDemosPerTask(4).withImageSize(32).withFailuresPerTask(0), Progress.NONE, () -> false);
        try (Workspace ws = context.workspaces().open(dir.resolve("ws"))) {
            ws.index(List.of(suite), Progress.NONE, () -> false);
            ws.edit(ws.demos(DemoQuery.all()).get(0).ref(), ReviewEdit.create().verdict(Verdict.REJECTED));
            ws.curation().saveView("clean", "verdict != rejected");
            ws.curation().saveMix(new Mix("base", List.of(MixComponent.view("clean", 1)), MixSettings.defaults()));
        }
    }

    /** Stands in for the file choosers: each asks for a fresh path under the test's folder. */
    static final class Paths extends CurationWindow.FileChoice {
        Path next;

        @Override
        public Path save(Window owner, String title, String name) {
            return next;
        }

        @Override
        public Path open(Window owner, String title) {
            return next;
        }

        @Override
        public Path folder(Window owner, String title) {
            return next;
        }
    }

    private final Paths paths = new Paths();

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new javafx.scene.layout.Pane(), 10, 10));
        stage.show();
    }

    private void open(FxRobot robot, CurationWindow.Page page, boolean realRunner) {
        robot.interact(() -> {
            fxRunner = realRunner ? new FxTaskRunner(2) : null;
            CurationViewModel model = new CurationViewModel(context.workspaces(), dir.resolve("ws"),
                    realRunner ? fxRunner : new InlineTaskRunner(), context.reader(), "test", Platform::runLater);
            window = new CurationWindow(model, context.settings().theme(), name -> { });
            window.setFileChoice(paths);
            window.show(null, page);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close(FxRobot robot) {
        if (window != null && window.stage() != null) {
            robot.interact(() -> window.stage().close());
        }
        if (fxRunner != null) {
            fxRunner.close();
        }
    }

    private static void await(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Demos per task in the workspace (the synthetic suite leaves gaps, like real collections). */
    private static java.util.Map<String, Long> perTask() throws Exception {
        try (Workspace ws = context.workspaces().open(dir.resolve("ws"))) {
            return ws.demos(DemoQuery.all()).stream().collect(java.util.stream.Collectors.groupingBy(d -> d.task(),
                    java.util.TreeMap::new, java.util.stream.Collectors.counting()));
        }
    }

    private static int total() throws Exception {
        return (int) perTask().values().stream().mapToLong(Long::longValue).sum();
    }

    private String status(FxRobot robot) {
        return robot.lookup("#curation-status").queryAs(Label.class).getText();
    }

    @Test
    void aSplitCreatedInTheFormAppearsInTheTableAndIsStored(FxRobot robot) throws Exception {
        open(robot, CurationWindow.Page.SPLITS, false);
        robot.clickOn("#split-name").write("s1");
        TextField held = robot.lookup("#split-held-out").queryAs(TextField.class);
        String task = window.model().tasks().get(2);
        robot.interact(() -> held.setText(task));
        robot.clickOn("#split-create");
        TableView<?> table = robot.lookup("#split-table").queryAs(TableView.class);
        await(() -> table.getItems().size() == 1);
        SavedSplit s = (SavedSplit) table.getItems().get(0);
        assertThat(s.name()).isEqualTo("s1");
        assertThat(s.sizes().get(SplitPart.VAL_OOD)).isEqualTo(perTask().get(task).intValue());
        assertThat(s.sizes().get(SplitPart.TRAIN) + s.sizes().get(SplitPart.VAL_IND)).isEqualTo(total() - perTask().get(task).intValue());
        assertThat(status(robot)).startsWith("split s1 (stratified, seed 0");
        assertThat(robot.lookup("s1").tryQuery()).isPresent();

        // the same name again is refused until "replace" is ticked
        robot.clickOn("#split-create");
        await(() -> status(robot).contains("failed"));
        assertThat(status(robot)).contains("s1");
        robot.clickOn("#split-replace");
        robot.clickOn("#split-create");
        await(() -> status(robot).startsWith("split s1"));
        try (Workspace ws = context.workspaces().open(dir.resolve("ws"))) {
            assertThat(ws.curation().split("s1")).isPresent();
        }
    }

    @Test
    void aMixSavedInTheEditorLoadsBackAfterNew(FxRobot robot) throws Exception {
        MixEditorViewModel model = new MixEditorViewModel(context.workspaces(), dir.resolve("ws"), new InlineTaskRunner());
        Stage[] editor = new Stage[1];
        robot.interact(() -> {
            editor[0] = new Stage();
            editor[0].setScene(new Scene(new MixEditorView(model), 1024, 600));
            editor[0].show();
            model.load();
        });
        try {
            robot.clickOn("view:clean");
            robot.clickOn("#mix-add");
            robot.clickOn("#mix-add");
            robot.interact(() -> model.nameProperty().set("twice"));
            robot.interact(() -> model.chunkProperty().set(8));
            robot.clickOn("#mix-save");
            await(() -> model.savedMixes().contains("twice"));
            robot.clickOn("#mix-new");
            assertThat(model.components()).isEmpty();
            ComboBox<?> saved = robot.lookup("#mix-saved").queryAs(ComboBox.class);
            robot.interact(() -> ((ComboBox<String>) saved).setValue("twice"));
            await(() -> model.components().size() == 2);
            assertThat(model.nameProperty().get()).isEqualTo("twice");
            assertThat(model.chunkProperty().get()).isEqualTo(8);
            assertThat(robot.lookup("#mix-status").queryAs(Label.class).getText()).isEqualTo("Loaded mix twice");

            robot.clickOn("#mix-delete");
            await(() -> !model.savedMixes().contains("twice"));
            try (Workspace ws = context.workspaces().open(dir.resolve("ws"))) {
                assertThat(ws.curation().mix("twice")).isEmpty();
            }
        } finally {
            robot.interact(() -> editor[0].close());
        }
    }

    @Test
    void writesTwoManifestsAndComparesThem(FxRobot robot) throws Exception {
        open(robot, CurationWindow.Page.MIXES, false);
        ListView<?> mixes = robot.lookup("#mix-list").queryAs(ListView.class);
        await(() -> mixes.getItems().contains("base"));
        robot.clickOn("base");
        paths.next = dir.resolve("manifests/a.json");
        robot.clickOn("#mix-write-manifest");
        await(() -> Files.exists(paths.next) && status(robot).startsWith("Wrote"));
        Manifest a = Manifest.parse(Files.readString(paths.next));
        assertThat(a.mix()).isEqualTo("base");
        int clean = total() - 1;
        assertThat(a.demos()).hasSize(clean);
        assertThat(status(robot)).isEqualTo("Wrote the manifest of mix base (" + clean + " demos) to " + paths.next);

        try (Workspace ws = context.workspaces().open(dir.resolve("ws"))) {
            ws.edit(ws.demos(DemoQuery.all()).get(1).ref(), ReviewEdit.create().verdict(Verdict.REJECTED));
        }
        paths.next = dir.resolve("manifests/b.json");
        robot.clickOn("#mix-write-manifest");
        await(() -> Files.exists(paths.next));
        robot.interact(() -> window.show(null, CurationWindow.Page.MANIFESTS));
        assertThat(robot.lookup("#diff-a").queryAs(TextField.class).getText()).endsWith("a.json");
        assertThat(robot.lookup("#diff-b").queryAs(TextField.class).getText()).endsWith("b.json");
        robot.clickOn("#diff-run");
        await(() -> !window.model().diffLines().isEmpty());
        assertThat(window.model().diffLines()).anyMatch(l -> l.startsWith("- demo"));
        try (Workspace ws = context.workspaces().open(dir.resolve("ws"))) {
            ws.edit(ws.demos(DemoQuery.all()).get(1).ref(), ReviewEdit.create().verdict(Verdict.ACCEPTED));
        }
    }

    @Test
    void theCuratedExportShowsWhatItWillWriteThenWritesItWithProgressAndASummary(FxRobot robot) throws Exception {
        open(robot, CurationWindow.Page.EXPORT, true);
        ComboBox<?> source = robot.lookup("#export-source").queryAs(ComboBox.class);
        await(() -> source.getItems().contains("mix:base"));
        robot.interact(() -> ((ComboBox<String>) source).setValue("mix:base"));
        ListView<?> plan = robot.lookup("#export-plan").queryAs(ListView.class);
        await(() -> plan.getItems().size() == 4);
        assertThat(plan.getItems().stream().map(String::valueOf).toList()).allMatch(l -> l.contains(" demos, ") || l.startsWith("manifest.json"))
                .last().asString().startsWith("manifest.json");
        Path out = dir.resolve("export-" + OUTS.incrementAndGet());
        robot.interact(() -> robot.lookup("#export-out").queryAs(TextField.class).setText(out.toString()));
        robot.clickOn("#export-run");
        ListView<?> summary = robot.lookup("#export-summary").queryAs(ListView.class);
        await(() -> !summary.getItems().isEmpty());
        assertThat(String.valueOf(summary.getItems().get(0))).startsWith("Exported " + (total() - 1) + " demos");
        assertThat(window.model().exportProgressProperty().get()).isEqualTo(1.0);
        try (var files = Files.walk(out)) {
            assertThat(files.filter(p -> p.toString().endsWith(".hdf5")).count()).isEqualTo(3);
        }
        assertThat(out.resolve("manifest.json")).exists();
    }
}
