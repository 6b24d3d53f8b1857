package io.vlastudio.app.ui;

import io.vlastudio.app.StudioSettings;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class WindowPlacementTest {

    @Test
    void aFirstStartOnA720pScreenFitsTheVisibleArea() {
        Rectangle2D screen = new Rectangle2D(0, 0, 1280, 672); // 1280x720 less a 48 px panel
        Rectangle2D b = WindowPlacement.initialBounds(Optional.empty(), List.of(screen), screen);
        assertThat(b.getHeight()).isLessThanOrEqualTo(672 * 0.92);
        assertThat(b.getWidth()).isLessThanOrEqualTo(1280 * 0.92);
        assertThat(screen.contains(b)).isTrue();
    }

    @Test
    void aLargeScreenGetsThePreferredSizeCentred() {
        Rectangle2D screen = new Rectangle2D(0, 0, 1920, 1050);
        Rectangle2D b = WindowPlacement.initialBounds(Optional.empty(), List.of(screen), screen);
        assertThat(b.getWidth()).isEqualTo(1280);
        assertThat(b.getHeight()).isEqualTo(800);
        assertThat(b.getMinX()).isEqualTo(320);
    }

    @Test
    void theRememberedPlaceIsUsedWhileItStillFitsAScreen() {
        Rectangle2D screen = new Rectangle2D(0, 0, 1920, 1050);
        var place = new StudioSettings.WindowPlace(100, 50, 1500, 900, false);
        assertThat(WindowPlacement.initialBounds(Optional.of(place), List.of(screen), screen))
                .isEqualTo(new Rectangle2D(100, 50, 1500, 900));
        // the second monitor it was on is gone: back to a fitted window on the primary
        var offScreen = new StudioSettings.WindowPlace(2500, 50, 1500, 900, false);
        assertThat(WindowPlacement.initialBounds(Optional.of(offScreen), List.of(screen), screen).getMinX()).isEqualTo(320);
    }

    @Test
    void settingsRememberSizePlaceAndDividersAcrossRestarts(@TempDir Path dir) throws Exception {
        StudioSettings s = new StudioSettings(dir.resolve("settings.json"));
        s.setWindow(new StudioSettings.WindowPlace(10, 20, 1024, 700, true));
        s.setDividers("main", new double[] {0.2, 0.75});
        s.setAutoAdvance(true);
        s.save();
        StudioSettings again = new StudioSettings(dir.resolve("settings.json"));
        assertThat(again.window()).contains(new StudioSettings.WindowPlace(10, 20, 1024, 700, true));
        assertThat(again.dividers("main")).hasValueSatisfying(d -> assertThat(d).containsExactly(0.2, 0.75));
        assertThat(again.dividers("viewer")).isEmpty();
        assertThat(again.autoAdvance()).isTrue();
    }
}
