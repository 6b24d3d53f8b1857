package io.vlastudio.dataset.hdf5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Misuse is rejected with messages that name the offending object. */
class WriterValidationTest {

    @TempDir
    Path directory;

    private Hdf5Writer writer;
    private GroupBuilder demo;

    @BeforeEach
    void openWriter() throws IOException {
        writer = Hdf5Writer.create(directory.resolve("validation.h5"));
        demo = writer.root().group("data").group("demo_0");
    }

    @AfterEach
    void closeWriter() throws IOException {
        writer.close();
    }

    @Test
    void rejectsWritesOutsideTheDatasetExtent() {
        DatasetWriter actions = demo.dataset("actions", Hdf5Type.FLOAT64, 10, 7);
        assertThat(actions.byteSize()).isEqualTo(560);

        assertThatThrownBy(() -> actions.write(500, ByteBuffer.allocate(61)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/data/demo_0/actions");
        assertThatThrownBy(() -> actions.write(-1, new byte[1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/data/demo_0/actions");
        assertThatThrownBy(() -> actions.write(Long.MAX_VALUE, new byte[8]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatCode(() -> actions.write(500, ByteBuffer.allocate(60))).doesNotThrowAnyException();
        assertThatCode(() -> actions.write(560, new byte[0])).doesNotThrowAnyException();
    }

    @Test
    void rejectsRowsOfTheWrongSizeOrIndex() {
        DatasetWriter frames = demo.dataset("obs/agentview_rgb", Hdf5Type.UINT8, 3, 4, 4, 3);
        assertThat(frames.rowByteSize()).isEqualTo(48);

        assertThatThrownBy(() -> frames.writeRow(3, new byte[48]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/data/demo_0/obs/agentview_rgb");
        assertThatThrownBy(() -> frames.writeRow(0, new byte[47]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/data/demo_0/obs/agentview_rgb");
        assertThatThrownBy(() -> demo.dataset("scalar", Hdf5Type.INT8).writeRow(0, new byte[1]))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsDuplicateNames() throws IOException {
        demo.dataset("actions", new double[][] {{1}});

        assertThatThrownBy(() -> demo.dataset("actions", Hdf5Type.FLOAT64, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/data/demo_0/actions");
        assertThatThrownBy(() -> writer.root().dataset("data/demo_0/actions", new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/data/demo_0/actions");
        assertThatThrownBy(() -> demo.fixedStringDataset("actions", List.of("a")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> demo.group("actions"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/data/demo_0/actions");
        demo.dataset("obs", Hdf5Type.INT8, 1);
        assertThatThrownBy(() -> demo.dataset("obs/rgb", Hdf5Type.UINT8, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/data/demo_0/obs");
        assertThat(demo.group("nested")).isNotNull();
        assertThatThrownBy(() -> demo.dataset("nested", Hdf5Type.INT8, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void returnsTheExistingGroup() {
        assertThat(writer.root().group("data").group("demo_0")).isSameAs(demo);
        assertThat(writer.root().group("data/demo_0")).isSameAs(demo);
        assertThat(demo.group("obs").path()).isEqualTo("/data/demo_0/obs");
    }

    @Test
    void rejectsDuplicateAttributes() {
        demo.attribute("num_samples", 3L);
        assertThatThrownBy(() -> demo.attribute("num_samples", "three"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("num_samples").hasMessageContaining("/data/demo_0");
        DatasetWriter actions = demo.dataset("actions", Hdf5Type.FLOAT64, 1, 7);
        actions.attribute("unit", "rad");
        assertThatThrownBy(() -> actions.attribute("unit", 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/data/demo_0/actions");
    }

    @Test
    void rejectsInvalidNames() {
        for (String name : List.of("", "/abs", "a//b", "trailing/", ".", "nul\0")) {
            assertThatThrownBy(() -> demo.group(name)).as("'%s'", name).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> demo.dataset(name, Hdf5Type.INT8, 1)).as("'%s'", name)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> demo.attribute("", 1L)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsBadShapesAndData() {
        assertThatThrownBy(() -> demo.dataset("negative", Hdf5Type.INT8, 2, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/data/demo_0/negative");
        assertThatThrownBy(() -> demo.dataset("ragged", new double[][] {{1, 2}, {3}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ragged");
        assertThatThrownBy(() -> demo.dataset("short", new byte[5], Hdf5Type.INT32, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("short");
        assertThatThrownBy(() -> demo.fixedStringDataset("mask", List.of("démo")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> demo.dataset("overflow", Hdf5Type.FLOAT64, Long.MAX_VALUE, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/data/demo_0/overflow");
    }

    @Test
    void rejectsAttributesTooLargeForAnObjectHeaderMessage() {
        assertThatThrownBy(() -> demo.attribute("too_many", new double[9000]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too_many").hasMessageContaining("/data/demo_0");
        // strings of any size go to the global heap
        assertThatCode(() -> demo.attribute("model_file", "<mujoco/>".repeat(20_000))).doesNotThrowAnyException();
    }

    @Test
    void rejectsUseAfterClose() throws IOException {
        DatasetWriter actions = demo.dataset("actions", Hdf5Type.FLOAT64, 1, 7);
        writer.close();
        writer.close(); // idempotent

        assertThatThrownBy(() -> actions.write(0, new byte[8])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> demo.group("late")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> demo.attribute("late", 1L)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> demo.dataset("late", Hdf5Type.INT8, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void truncatesAnExistingFileAndWritesAnEmptyRootGroup() throws IOException {
        Path file = directory.resolve("existing.h5");
        Files.write(file, new byte[1 << 20]);
        try (Hdf5Writer empty = Hdf5Writer.create(file)) {
            assertThat(empty.root().path()).isEqualTo("/");
        }
        assertThat(Files.size(file)).isLessThan(200);
        try (HdfFile hdf = new HdfFile(file)) {
            assertThat(hdf.getChildren()).isEmpty();
        }
    }
}
