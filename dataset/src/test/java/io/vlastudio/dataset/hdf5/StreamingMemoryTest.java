package io.vlastudio.dataset.hdf5;

import static org.assertj.core.api.Assertions.assertThat;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ContiguousDataset;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer streams dataset bytes to disk: a child JVM limited to a 64 MB heap writes a ~300 MB
 * uint8 (1500, 256, 256, 3) dataset frame by frame. (jHDF's writer would need several GB for this.)
 */
class StreamingMemoryTest {

    private static final int FRAMES = 1500;

    @TempDir
    Path directory;

    @Test
    void writesAFileMuchLargerThanTheHeap() throws IOException, InterruptedException {
        Path file = directory.resolve("large.h5");
        Path log = directory.resolve("child.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                LargeDatasetWriterMain.class.getName(), file.toString(), Integer.toString(FRAMES))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean finished = child.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            child.destroyForcibly();
        }
        assertThat(finished && child.exitValue() == 0)
                .as("child JVM with -Xmx64m failed:%n%s", Files.readString(log, StandardCharsets.UTF_8))
                .isTrue();

        long datasetBytes = (long) FRAMES * LargeDatasetWriterMain.FRAME_SIZE;
        assertThat(Files.size(file)).isBetween(datasetBytes, datasetBytes + 4096);

        try (HdfFile hdf = new HdfFile(file); FileChannel raw = FileChannel.open(file, StandardOpenOption.READ)) {
            Dataset rgb = hdf.getDatasetByPath("data/demo_0/obs/agentview_rgb");
            assertThat(rgb.getDimensions()).containsExactly(FRAMES, 256, 256, 3);
            long address = ((ContiguousDataset) rgb).getDataAddress();
            ByteBuffer expected = ByteBuffer.allocate(LargeDatasetWriterMain.FRAME_SIZE);
            ByteBuffer actual = ByteBuffer.allocate(LargeDatasetWriterMain.FRAME_SIZE);
            for (int t : List.of(0, 1, 777, FRAMES - 1)) {
                LargeDatasetWriterMain.fillFrame(expected, t);
                actual.clear();
                while (actual.hasRemaining()
                        && raw.read(actual, address + (long) t * actual.capacity() + actual.position()) > 0) {
                    // keep reading
                }
                assertThat(actual.flip()).as("frame %d", t).isEqualTo(expected.rewind());
            }
        }
    }
}
