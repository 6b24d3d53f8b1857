package io.vlastudio.dataset.hdf5;

import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.DemoFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-step float arrays of contiguous datasets are read with positional reads of exactly their bytes. */
class ContiguousArraysTest {

    @TempDir
    Path dir;

    @Test
    void readsFloat64AndFloat32ArraysExactlyAndLeavesOtherTypesToJhdf() throws Exception {
        Path file = dir.resolve("arrays_demo.hdf5");
        double[][] actions = new double[9][7];
        for (int t = 0; t < 9; t++) {
            for (int k = 0; k < 7; k++) {
                actions[t][k] = Math.sin(t * 7 + k) * (k == 6 ? 1 : 0.9);
            }
        }
        ByteBuffer floats = ByteBuffer.allocate(9 * 3 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 27; i++) {
            floats.putFloat(i * 0.25f - 3);
        }
        byte[] ints = new byte[9 * 8];
        ByteBuffer.wrap(ints).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().put(new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        try (Hdf5Writer writer = Hdf5Writer.create(file)) {
            GroupBuilder demo = writer.root().group("data").group("demo_0");
            demo.dataset("actions", actions);
            demo.dataset("obs/ee_pos", floats.array(), Hdf5Type.FLOAT32, 9, 3);
            demo.dataset("steps", ints, Hdf5Type.INT64, 9);
            // big frames next to the small arrays, never written (as in the benchmark tree)
            demo.dataset("obs/agentview_rgb", Hdf5Type.UINT8, 9, 64, 64, 3);
        }
        try (DemoFile f = new Hdf5DemoReader().open(file)) {
            Demo demo = f.openDemo("demo_0");
            assertThat(demo.actions()).isDeepEqualTo(actions);
            double[][] eePos = demo.lowDim("obs/ee_pos");
            assertThat(eePos).hasDimensions(9, 3);
            assertThat(eePos[8][2]).isEqualTo(26 * 0.25f - 3);
            assertThat(demo.lowDim("steps")).hasDimensions(9, 1);
            assertThat(demo.lowDim("steps")[8][0]).isEqualTo(9.0);
        }
    }
}
