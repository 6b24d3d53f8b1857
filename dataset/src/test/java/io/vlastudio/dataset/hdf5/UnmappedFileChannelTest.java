package io.vlastudio.dataset.hdf5;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class UnmappedFileChannelTest {

    @TempDir
    Path dir;

    @Test
    void cachedReadsGiveTheFilesBytesUpToItsEnd() throws Exception {
        byte[] content = new byte[200_000];
        new Random(14).nextBytes(content);
        // a symbol-table node header claiming 3 entries, and one claiming more than fits a cached read
        byte[] snod = {'S', 'N', 'O', 'D', 1, 0, 3, 0};
        System.arraycopy(snod, 0, content, 1000, snod.length);
        byte[] huge = {'S', 'N', 'O', 'D', 1, 0, (byte) 0xff, (byte) 0xff};
        System.arraycopy(huge, 0, content, 5000, huge.length);
        Path file = dir.resolve("f.bin");
        Files.write(file, content);
        Random rnd = new Random(7);
        try (FileChannel raw = FileChannel.open(file, StandardOpenOption.READ);
             UnmappedFileChannel ch = new UnmappedFileChannel(FileChannel.open(file, StandardOpenOption.READ))) {
            for (int i = 0; i < 20_000; i++) {
                long position = rnd.nextInt(4) == 0 ? 1000 + rnd.nextInt(200) : rnd.nextInt(content.length + 10);
                int length = switch (rnd.nextInt(4)) {
                    case 0 -> 1;
                    case 1 -> 8;
                    case 2 -> 1 + rnd.nextInt(400);
                    default -> 1 + rnd.nextInt(40_000);
                };
                if (i % 97 == 0) {
                    position = 5000;
                    length = 8;
                }
                ByteBuffer ours = ByteBuffer.allocate(length);
                ByteBuffer expected = ByteBuffer.allocate(length);
                int n = ch.read(ours, position);
                int m = raw.read(expected, position);
                while (m > 0 && expected.hasRemaining()) {
                    int more = raw.read(expected, position + expected.position());
                    if (more < 0) {
                        break;
                    }
                    m += more;
                }
                assertThat(n).as("bytes read at %d of %d", position, length).isEqualTo(m);
                if (n > 0) {
                    assertThat(Arrays.copyOf(ours.array(), n)).isEqualTo(Arrays.copyOf(expected.array(), n));
                }
            }
        }
    }
}
