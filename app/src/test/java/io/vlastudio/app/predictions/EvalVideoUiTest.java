package io.vlastudio.app.predictions;

import io.vlastudio.app.tasks.FxTaskRunner;
import io.vlastudio.training.predictions.EvalVideoFixtures;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.media.MediaPlayer;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Evaluation videos on the real FX task runner and real JavaFX Media (headless, Monocle): import a folder of ffmpeg
 * MP4s, read the success rates, filter, play a world-model triplet on one clock, then a triplet whose inf video is
 * corrupt: that pane says why, the other two still play together.
 */
@ExtendWith(ApplicationExtension.class)
class EvalVideoUiTest {

    @TempDir
    static Path dir;
    private static FxTaskRunner runner;
    private static Path evals;
    private static Path corrupt;
    private EvalVideoViewModel model;
    private EvalVideoView view;

    @BeforeAll
    static void videos() throws Exception {
        runner = new FxTaskRunner(2);
        evals = dir.resolve("evals");
        Path ck = evals.resolve("epoch2");
        String d = "2025_11_10-09_00_00";
        Path gt = EvalVideoFixtures.encode(ck.resolve(d + "--episode=0--success=gt--task=pick_up_the_soup.mp4"), "testsrc", 4);
        EvalVideoFixtures.encode(ck.resolve(d + "--episode=0--success=gt_recons--task=pick_up_the_soup.mp4"), "testsrc2", 4);
        EvalVideoFixtures.encode(ck.resolve(d + "--episode=0--success=inf--task=pick_up_the_soup.mp4"), "smptebars", 4);
        Files.copy(gt, ck.resolve(d + "--episode=1--success=gt--task=pick_up_the_soup.mp4"));
        Files.copy(gt, ck.resolve(d + "--episode=1--success=gt_recons--task=pick_up_the_soup.mp4"));
        corrupt = EvalVideoFixtures.cutHead(gt, ck.resolve(d + "--episode=1--success=inf--task=pick_up_the_soup.mp4"), 1024);
        Files.copy(gt, ck.resolve(d + "--episode=0--success=True--task=pick_up_the_soup.mp4"));
        Files.copy(gt, ck.resolve(d + "--episode=1--success=False--task=pick_up_the_soup.mp4"));
        Files.createDirectories(evals.resolve("epoch3"));
        Files.copy(gt, evals.resolve("epoch3/" + d + "--episode=0--success=True--task=open_the_drawer.mp4"));
    }

    @AfterAll
    static void close() {
        runner.close();
    }

    @Start
    void start(Stage stage) {
        model = new EvalVideoViewModel(dir.resolve("ws"), runner);
        view = new EvalVideoView(model);
        stage.setScene(new Scene(view, 1200, 700));
        stage.show();
        model.load();
    }

    @Test
    void importsRatesFiltersAndPlaysATripletOnOneClockWhileACorruptPaneSaysWhy(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> !model.busyProperty().get()));
        assertThat(robot.lookup("#eval-status").queryAs(Label.class).getText()).contains("No evaluation videos imported yet");
        robot.interact(() -> model.importFolder(evals));
        WaitForAsyncUtils.waitFor(80, TimeUnit.SECONDS, () -> fx(() -> model.indexProperty().get() != null && !model.busyProperty().get()));
        assertThat(Files.exists(dir.resolve("ws/predictions/videos/index.json"))).isTrue();

        @SuppressWarnings("unchecked")
        TableView<io.vlastudio.training.predictions.TaskRate> rates = robot.lookup("#eval-rates").queryAs(TableView.class);
        assertThat(rates.getItems()).hasSize(2);
        assertThat(rates.getItems().get(1).checkpoint()).isEqualTo("epoch3");
        assertThat(rates.getItems().get(0)).satisfies(r -> {
            assertThat(r.task()).isEqualTo("pick up the soup");
            assertThat(r.checkpoint()).isEqualTo("epoch2");
            assertThat(r.episodes()).isEqualTo(2);
            assertThat(r.successes()).isEqualTo(1);
        });
        assertThat(model.problems()).singleElement().asString().startsWith(corrupt + ": not an MP4");
        robot.clickOn("#eval-filter").write("drawer");
        assertThat(rates.getItems()).extracting(r -> r.task()).containsExactly("open the drawer");
        assertThat(model.entries()).hasSize(1);
        robot.interact(() -> robot.lookup("#eval-filter").queryAs(TextField.class).clear());
        assertThat(model.entries()).hasSize(5);
        // a rate row restricts the episodes to its task and checkpoint; All Episodes lifts it
        robot.interact(() -> rates.getSelectionModel().select(0));
        assertThat(model.entries()).extracting(EvalVideoViewModel.Entry::outcome)
                .containsExactlyInAnyOrder("success", "failure", "world model", "world model");
        robot.clickOn("#eval-all-episodes");
        assertThat(model.entries()).hasSize(5);
        assertThat(rates.getSelectionModel().getSelectedItem()).isNull();

        // a full triplet: three players on one clock
        select(robot, 0);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> view.player().players().size() == 3
                && view.player().players().stream().allMatch(p -> p.getStatus() == MediaPlayer.Status.READY)));
        robot.clickOn("#eval-play");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> view.player().leader().getCurrentTime().toMillis() > 800));
        double[] first = times();
        Thread.sleep(700);
        double[] second = times();
        for (int i = 0; i < 3; i++) {
            assertThat(second[i]).as("player %d advances", i).isGreaterThan(first[i] + 200);
            assertThat(Math.abs(second[i] - second[0])).as("player %d keeps the leader's clock", i).isLessThan(500);
        }
        robot.clickOn("#eval-play");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> view.player().players().stream()
                .allMatch(p -> p.getStatus() == MediaPlayer.Status.PAUSED)));
        double[] paused = times();
        Thread.sleep(300);
        assertThat(times()).containsExactly(paused, org.assertj.core.data.Offset.offset(1.0));

        // one slider: seeking moves every pane
        robot.interact(() -> robot.lookup("#eval-slider").queryAs(javafx.scene.control.Slider.class).setValue(0.5));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            double[] t = times();
            return Math.abs(t[0] - 500) < 150 && Math.abs(t[1] - 500) < 150 && Math.abs(t[2] - 500) < 150;
        });

        // the corrupt inf video: its pane says why, gt and gt_recons still play together
        select(robot, 1);
        Label message = robot.lookup("#eval-message-2").queryAs(Label.class);
        assertThat(message.getText()).contains("Cannot play " + corrupt.getFileName()).contains("not an MP4");
        assertThat(message.isVisible()).isTrue();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> view.player().players().size() == 2
                && view.player().players().stream().allMatch(p -> p.getStatus() == MediaPlayer.Status.READY)));
        robot.clickOn("#eval-play");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> view.player().leader().getCurrentTime().toMillis() > 600));
        double[] two = times();
        assertThat(two).hasSize(2);
        assertThat(Math.abs(two[1] - two[0])).isLessThan(500);
        robot.clickOn("#eval-play");
        robot.interact(() -> view.player().dispose());
    }

    @Test
    void withoutFfmpegsLibrariesTheWindowAndEveryFailingPaneSaySoAndHowToInstallThem(FxRobot robot) throws Exception {
        // this machine has the libraries: the window says nothing
        assertThat(onFx(() -> view.mediaBanner().isVisible())).isFalse();
        // as on a computer without them (what MediaSupport finds there): a banner over the player
        String problem = MediaSupport.problem("Linux", List.of(dir)).orElseThrow();
        EvalVideoView without = onFx(() -> new EvalVideoView(new EvalVideoViewModel(dir.resolve("ws2"), runner), problem));
        Label banner = without.mediaBanner();
        assertThat(onFx(banner::isVisible)).isTrue();
        assertThat(onFx(banner::getText)).contains("Videos cannot play here").contains("sudo apt install libavcodec59 libavformat59");
        // JavaFX's own error without them (seen with libavcodec hidden: UNKNOWN, "Could not create player!") is explained
        EvalVideoViewModel.Pane pane = new EvalVideoViewModel.Pane("gt", dir.resolve("x.mp4"), null);
        Exception noPlayer = new RuntimeException("com.sun.media.jfxmedia.MediaException: Could not create player!");
        assertThat(EvalVideoPlayer.explain(pane, noPlayer, problem))
                .isEqualTo("Cannot play x.mp4: FFmpeg's libavcodec and libavformat are missing, and JavaFX Media needs them to "
                        + "decode video. " + MediaSupport.INSTALL);
        assertThat(EvalVideoPlayer.explain(pane, noPlayer, null)).contains("could not start a player")
                .contains("libavcodec or libavformat is missing");
        assertThat(EvalVideoPlayer.explain(pane, new RuntimeException("bad header"), problem)).isEqualTo("Cannot play x.mp4: bad header");
    }

    private void select(FxRobot robot, int episode) {
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            TableView<EvalVideoViewModel.Entry> episodes = robot.lookup("#eval-episodes").queryAs(TableView.class);
            EvalVideoViewModel.Entry e = episodes.getItems().stream()
                    .filter(x -> x.outcome().equals("world model") && x.episode() == episode).findFirst().orElseThrow();
            episodes.getSelectionModel().select(e);
        });
    }

    /** Current times of the playing panes, in ms, read on the FX thread at one instant. */
    private double[] times() throws Exception {
        return fxCall(() -> view.player().players().stream().mapToDouble(p -> p.getCurrentTime().toMillis()).toArray());
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(60, TimeUnit.SECONDS);
    }

    private static boolean fx(Callable<Boolean> c) throws Exception {
        return fxCall(c);
    }

    private static <T> T fxCall(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(60, TimeUnit.SECONDS);
    }

}
