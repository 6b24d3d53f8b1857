package io.vlastudio.app.ui;

import io.vlastudio.app.StudioSettings;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.SplitPane;
import javafx.scene.input.MouseEvent;
import javafx.stage.Screen;
import javafx.stage.Stage;

import java.util.List;
import java.util.Optional;

/**
 * The main window's size and place and its split panes' dividers: fitted to the screen on first start, remembered
 * in {@link StudioSettings} afterwards. Divider positions are saved when the user lets go of a divider.
 */
final class WindowPlacement {

    /** What the studio asks for on a large screen; smaller screens get 92 % of their visible area. */
    static final double PREFERRED_WIDTH = 1280;
    static final double PREFERRED_HEIGHT = 800;
    static final double MIN_WIDTH = 800;
    static final double MIN_HEIGHT = 560;

    private final StudioSettings settings;
    private final Runnable save;

    WindowPlacement(StudioSettings settings, Runnable save) {
        this.settings = settings;
        this.save = save;
    }

    /** The scene size to start with: the remembered one if it still fits a screen, else one that fits the primary. */
    Rectangle2D initialBounds() {
        return initialBounds(settings.window(), Screen.getScreens().stream().map(Screen::getVisualBounds).toList(),
                Screen.getPrimary().getVisualBounds());
    }

    static Rectangle2D initialBounds(Optional<StudioSettings.WindowPlace> remembered, List<Rectangle2D> screens,
                                     Rectangle2D primary) {
        if (remembered.isPresent()) {
            StudioSettings.WindowPlace p = remembered.get();
            for (Rectangle2D s : screens) {
                // the title bar must be on a screen, and the window no larger than it
                if (s.contains(p.x() + 40, p.y() + 10) && p.width() <= s.getWidth() && p.height() <= s.getHeight()
                        && p.width() >= MIN_WIDTH / 2 && p.height() >= MIN_HEIGHT / 2) {
                    return new Rectangle2D(p.x(), p.y(), p.width(), p.height());
                }
            }
        }
        double w = Math.min(PREFERRED_WIDTH, Math.floor(primary.getWidth() * 0.92));
        double h = Math.min(PREFERRED_HEIGHT, Math.floor(primary.getHeight() * 0.92));
        return new Rectangle2D(primary.getMinX() + (primary.getWidth() - w) / 2, primary.getMinY() + (primary.getHeight() - h) / 2, w, h);
    }

    /** Places {@code stage} (before it is shown) and remembers where it is when it closes. */
    void place(Stage stage, Rectangle2D bounds) {
        stage.setX(bounds.getMinX());
        stage.setY(bounds.getMinY());
        stage.setMinWidth(Math.min(MIN_WIDTH, bounds.getWidth()));
        stage.setMinHeight(Math.min(MIN_HEIGHT, bounds.getHeight()));
        settings.window().filter(StudioSettings.WindowPlace::maximized).ifPresent(p -> stage.setMaximized(true));
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDING, e -> remember(stage));
    }

    void remember(Stage stage) {
        if (stage.isMaximized()) {
            settings.window().ifPresentOrElse(
                    p -> settings.setWindow(new StudioSettings.WindowPlace(p.x(), p.y(), p.width(), p.height(), true)),
                    () -> settings.setWindow(new StudioSettings.WindowPlace(stage.getX(), stage.getY(), stage.getWidth(),
                            stage.getHeight(), true)));
        } else {
            settings.setWindow(new StudioSettings.WindowPlace(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false));
        }
        save.run();
    }

    /** Restores a split pane's remembered dividers and saves them whenever the user drags one. */
    void rememberDividers(SplitPane split, String name) {
        if (split == null) {
            return;
        }
        settings.dividers(name).filter(d -> d.length == split.getDividers().size())
                .ifPresent(split::setDividerPositions);
        split.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
            double[] now = split.getDividerPositions();
            double[] before = settings.dividers(name).orElse(null);
            if (before == null || !java.util.Arrays.equals(before, now)) {
                settings.setDividers(name, now);
                save.run();
            }
        });
    }
}
