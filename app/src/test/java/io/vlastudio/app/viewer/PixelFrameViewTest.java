package io.vlastudio.app.viewer;

import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scrubbing-cost helpers do what they replace: a {@link PixelFrameView} shows the frame fitted, centred and turned
 * like a fitted image view with crisp pixels did (every device pixel is the frame pixel under its centre), on screen
 * too; {@link SteadyText} controls show each new text without re-adding their children; {@link LiveViewport} turns
 * the scroll pane's viewport cache off.
 */
@ExtendWith(ApplicationExtension.class)
class PixelFrameViewTest {

    /** A 4×2 frame, every pixel its own colour: (x, y) → r = 40x + 1, g = 100y + 1, b = 7. */
    private static final Frame FRAME = frame(4, 2);

    private PixelFrameView view;
    private Label label;
    private ScrollPane scroll;

    @Start
    void start(Stage stage) {
        view = new PixelFrameView(4);
        label = SteadyText.label("step 1");
        scroll = LiveViewport.of(new ScrollPane(new Label("plots")));
        // 200×100 inside the 4 px margin: a factor of 50 on both axes, whatever size an earlier test left the stage at
        view.setMinSize(208, 108);
        view.setPrefSize(208, 108);
        view.setMaxSize(208, 108);
        view.setStyle("-fx-background-color: black;");
        stage.setScene(new Scene(new VBox(view, label, scroll), 300, 300));
        stage.show();
    }

    private static <T> T fx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(30, TimeUnit.SECONDS);
    }

    private static Frame frame(int w, int h) {
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                rgb[i] = (byte) (40 * x + 1);
                rgb[i + 1] = (byte) (100 * y + 1);
                rgb[i + 2] = 7;
            }
        }
        return new Frame(w, h, Orientation.RAW, rgb);
    }

    private static int argb(Frame f, int x, int y) {
        int i = (y * f.width() + x) * 3;
        return 0xFF000000 | (f.rgb()[i] & 0xFF) << 16 | (f.rgb()[i + 1] & 0xFF) << 8 | (f.rgb()[i + 2] & 0xFF);
    }

    /** What a crisp fitted image view turned by {@code o} shows at device pixel (x, y) of a w×h picture. */
    private static int expected(Orientation o, int x, int y, int w, int h) {
        int sx = (int) ((x + 0.5) * FRAME.width() / w);
        int sy = (int) ((y + 0.5) * FRAME.height() / h);
        if (o != Orientation.RAW) {
            sy = FRAME.height() - 1 - sy;
        }
        if (o == Orientation.ROT180) {
            sx = FRAME.width() - 1 - sx;
        }
        return argb(FRAME, sx, sy);
    }

    @Test
    void everyDevicePixelIsTheFramePixelUnderItsCentreTurnedAsAsked(FxRobot robot) throws Exception {
        for (Orientation o : Orientation.values()) {
            robot.interact(() -> {
                view.setOrientation(o);
                view.show(FRAME);
            });
            WaitForAsyncUtils.waitForFxEvents();
            int[] size = fx(view::drawnSize);
            assertThat(size).as("drawn at its size on screen").containsExactly(200, 100);
            int[] want = new int[200 * 100];
            for (int y = 0; y < 100; y++) {
                for (int x = 0; x < 200; x++) {
                    want[y * 200 + x] = expected(o, x, y, 200, 100);
                }
            }
            assertThat(view.drawnPixels()).as("%s", o).isEqualTo(want);
            assertThat(view.frame()).isSameAs(FRAME);
            // and on screen, one to one and centred in the 4 px margin: the top-left pixel of the picture
            WritableImage shot = fx(() -> view.snapshot(null, null));
            assertThat(shot.getPixelReader().getArgb(4 + 10, 4 + 10)).as("%s on screen", o).isEqualTo(expected(o, 10, 10, 200, 100));
            assertThat(shot.getPixelReader().getArgb(4 + 190, 4 + 90)).isEqualTo(expected(o, 190, 90, 200, 100));
        }
    }

    @Test
    void aNewSizeDrawsANewPictureAndNoFrameDrawsNothing(FxRobot robot) throws Exception {
        robot.interact(() -> view.show(FRAME));
        robot.interact(() -> {
            view.setMinSize(108, 108);
            view.setPrefSize(108, 108);
            view.setMaxSize(108, 108);
        });
        WaitForAsyncUtils.waitForFxEvents();
        int[] size = fx(view::drawnSize);
        assertThat(size).as("100×50 inside the margin").containsExactly(100, 50);
        robot.interact(() -> view.show(null));
        assertThat(view.frame()).isNull();
    }

    @Test
    void steadyTextShowsEveryNewTextWithTheSameChildren(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        List<javafx.scene.Node> before = fx(() -> List.copyOf(label.getChildrenUnmodifiable()));
        for (int s = 2; s < 200; s++) {
            int step = s;
            robot.interact(() -> label.setText("step " + step));
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(label.getChildrenUnmodifiable()).containsExactlyElementsOf(before);
        javafx.scene.text.Text text = (javafx.scene.text.Text) label.lookup(".text");
        assertThat(text.getText()).isEqualTo("step 199");
        var box = SteadyText.checkBox("x 1.0");
        robot.interact(() -> ((VBox) label.getParent()).getChildren().add(box));
        WaitForAsyncUtils.waitForFxEvents();
        List<javafx.scene.Node> boxChildren = List.copyOf(box.getChildrenUnmodifiable());
        assertThat(boxChildren).hasSize(2);
        robot.interact(() -> box.setText("x 2.0"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(box.getChildrenUnmodifiable()).containsExactlyElementsOf(boxChildren);
        assertThat(((javafx.scene.text.Text) box.lookup(".text")).getText()).isEqualTo("x 2.0");
    }

    @Test
    void theLiveViewportIsNotCached(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(scroll.getSkin()).isNotNull();
        assertThat(LiveViewport.cached(scroll)).isFalse();
        ScrollPane stock = new ScrollPane(new Label("still"));
        robot.interact(() -> ((VBox) scroll.getParent()).getChildren().add(stock));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(LiveViewport.cached(stock)).as("the stock skin caches (what LiveViewport undoes)").isTrue();
    }
}
