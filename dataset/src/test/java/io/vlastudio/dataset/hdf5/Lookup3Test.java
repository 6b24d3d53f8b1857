package io.vlastudio.dataset.hdf5;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class Lookup3Test {

    /** Vectors from the self-test (driver5) in Bob Jenkins' lookup3.c. */
    @ParameterizedTest
    @CsvSource({
        "'', 0, deadbeef",
        "Four score and seven years ago, 0, 17770551",
        "Four score and seven years ago, 1, cd628161",
    })
    void matchesReferenceVectors(String key, int initialValue, String expectedHex) {
        byte[] bytes = key.getBytes(StandardCharsets.US_ASCII);
        assertThat(Lookup3.hashLittle(bytes, 0, bytes.length, initialValue))
                .isEqualTo(Integer.parseUnsignedInt(expectedHex, 16));
    }

    /**
     * Checksummed structures written by libhdf5 1.10.8 (h5py, {@code libver="latest"}): the bytes before
     * each stored checksum, and that checksum. Lengths 44, 143 and 264 exercise tails of 8, 11 and 12 bytes.
     */
    @ParameterizedTest
    @CsvSource({
        // superblock version 3 (44 bytes)
        "894844460d0a1a0a030808000000000000000000ffffffffffffffff3e180000000000003000000000000000, a89e191a",
        // root group object header: timestamps, links, attribute (143 bytes)
        "4f48445202206a81016b6a81016b6a81016b6a81016b7810100000cf0100000000000055000000000000000a02000100"
                + "0010100000c30300000000000030000000000000000c230000030002000c000400007800100800000800000000004000"
                + "020000000300000000000000060c000001000164c300000000000000060c00000100016d2402000000000000000000, b0c9a186",
        // float64 dataset object header padded with a NIL message (264 bytes)
        "4f4844520201000101240000020201010200000000000000030000000000000002000000000000000300000000000000"
                + "0314000111203f000800000000004000340b0034ff03000005020001030a081200000401000800000000000030000000"
                + "0000000000a0000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                + "000000000000000000000000000000000000000000000000, 88a49664",
    })
    void matchesChecksumsWrittenByLibhdf5(String dataHex, String checksumHex) {
        byte[] data = HexFormat.of().parseHex(dataHex);
        assertThat(Lookup3.checksum(data, 0, data.length)).isEqualTo(Integer.parseUnsignedInt(checksumHex, 16));
    }

    @Test
    void honoursOffsetAndLength() {
        byte[] key = "xxFour score and seven years agoyy".getBytes(StandardCharsets.US_ASCII);
        assertThat(Lookup3.hashLittle(key, 2, 30, 0)).isEqualTo(0x17770551);
    }
}
