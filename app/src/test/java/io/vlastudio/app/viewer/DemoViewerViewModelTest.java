package io.vlastudio.app.viewer;

import io.vlastudio.app.StudioSettings;
import io.vlastudio.app.tasks.InlineTaskRunner;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;
import io.vlastudio.dataset.hdf5.Hdf5DemoReader;
import io.vlastudio.dataset.testing.PythonFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The viewer's clock and cache, driven without a toolkit. */
class DemoViewerViewModelTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void writeFixtures() throws Exception {
        PythonFixtures.writeH5pyFixtures(dir.resolve("data"));
    }

    private static DemoViewerViewModel viewer(FrameCache cache) {
        return new DemoViewerViewModel(new InlineTaskRunner(), cache, new StudioSettings(dir.resolve("settings.json")));
    }

    @Test
    void playsAtTwentyStepsASecondTimesTheSpeedAndStopsAtTheEnd() throws Exception {
        try (DemoFile file = new Hdf5DemoReader().open(dir.resolve("data/libero_goal/open_the_drawer_demo.hdf5"))) {
            DemoViewerViewModel v = viewer(new FrameCache(64 << 20));
            v.show("demo_11", "goal", file.openDemo("demo_11"));
            v.togglePlay();
            v.tick(0);
            v.tick(250_000_000L);
            assertThat(v.stepProperty().get()).isEqualTo(5);
            v.faster();
            assertThat(v.speedProperty().get()).isEqualTo(2.0);
            v.tick(500_000_000L);
            assertThat(v.stepProperty().get()).isEqualTo(15);
            v.tick(2_000_000_000L);
            assertThat(v.stepProperty().get()).isEqualTo(20);
            assertThat(v.playingProperty().get()).isFalse();
            v.slower();
            v.slower();
            v.slower();
            assertThat(v.speedProperty().get()).isEqualTo(0.25);
        }
    }

    @Test
    void theFrameCacheStaysWithinItsBudgetHoweverLongOneScrubs() throws Exception {
        int frameBytes = 16 * 16 * 3;
        FrameCache cache = new FrameCache(20L * frameBytes);
        try (DemoFile file = new Hdf5DemoReader().open(dir.resolve("data/libero_goal/open_the_drawer_demo.hdf5"))) {
            DemoViewerViewModel v = viewer(cache);
            for (int round = 0; round < 50; round++) {
                for (String demo : new String[] {"demo_10", "demo_11"}) {
                    v.show(demo, "goal", file.openDemo(demo));
                    for (int s = 0; s < 20; s++) {
                        v.seek(s);
                        assertThat(cache.bytes()).isLessThanOrEqualTo(cache.maxBytes());
                    }
                }
            }
            assertThat(cache.size()).isEqualTo(20);
            Frame shown = v.frames().get("agentview");
            assertThat(shown.orientation()).isEqualTo(Orientation.UPRIGHT);
        }
    }

    @Test
    void revisitedStepsComeFromTheCache() throws Exception {
        FrameCache cache = new FrameCache(64 << 20);
        try (DemoFile file = new Hdf5DemoReader().open(dir.resolve("data/libero_goal/open_the_drawer_demo.hdf5"))) {
            DemoViewerViewModel v = viewer(cache);
            v.show("demo_3", "goal", file.openDemo("demo_3"));
            for (int s = 0; s < 13; s++) {
                v.seek(s);
            }
            int cached = cache.size();
            for (int s = 12; s >= 0; s--) {
                v.seek(s);
            }
            assertThat(cache.size()).isEqualTo(cached).isEqualTo(13 * 2);
            assertThat(cache.hitRate()).isGreaterThan(0.45);
        }
    }
}
