package io.vlastudio.dataset.hdf5;

import io.jhdf.exceptions.HdfFilterException;
import io.jhdf.filter.Filter;

import java.util.Arrays;

/**
 * HDF5's Fletcher32 checksum filter (id 3), verified: a chunk whose stored checksum does not match its bytes is
 * refused, as libhdf5 (and so h5py) refuses it. jHDF's own filter returns the chunk unchecked, so a flipped bit
 * in a chunk of {@code actions} was read as data.
 * <p>
 * The checksum is libhdf5's {@code H5_checksum_fletcher32} over the chunk without its last 4 bytes (16-bit
 * big-endian words, an odd last byte as the high byte of a word), stored little-endian in those 4 bytes;
 * like libhdf5, the byte-swapped form written by HDF5 before 1.6.3 is accepted too.
 */
final class Fletcher32Filter implements Filter {

    @Override
    public int getId() {
        return 3;
    }

    @Override
    public String getName() {
        return "fletcher32";
    }

    @Override
    public byte[] decode(byte[] encoded, int[] filterData) {
        if (encoded.length < 4) {
            throw new HdfFilterException("a Fletcher32 chunk of " + encoded.length + " bytes (shorter than its checksum)");
        }
        int n = encoded.length - 4;
        long stored = (encoded[n] & 0xFFL) | (encoded[n + 1] & 0xFFL) << 8 | (encoded[n + 2] & 0xFFL) << 16
                | (encoded[n + 3] & 0xFFL) << 24;
        long sum = checksum(encoded, n);
        long reversed = (sum & 0x00FF00FFL) << 8 | (sum & 0xFF00FF00L) >>> 8;
        if (stored != sum && stored != reversed) {
            throw new HdfFilterException(String.format("a chunk whose Fletcher32 checksum matches its data (stored 0x%08x,"
                    + " computed 0x%08x: the chunk is corrupted)", stored, sum));
        }
        return Arrays.copyOf(encoded, n);
    }

    /** libhdf5's {@code H5_checksum_fletcher32}. */
    static long checksum(byte[] data, int length) {
        long sum1 = 0;
        long sum2 = 0;
        int words = length / 2;
        int at = 0;
        while (words > 0) {
            int block = Math.min(words, 360);
            words -= block;
            for (int i = 0; i < block; i++) {
                sum1 += ((data[at] & 0xFF) << 8) | (data[at + 1] & 0xFF);
                at += 2;
                sum2 += sum1;
            }
            sum1 = (sum1 & 0xFFFF) + (sum1 >>> 16);
            sum2 = (sum2 & 0xFFFF) + (sum2 >>> 16);
        }
        if ((length & 1) != 0) {
            sum1 += (data[at] & 0xFF) << 8;
            sum2 += sum1;
            sum1 = (sum1 & 0xFFFF) + (sum1 >>> 16);
            sum2 = (sum2 & 0xFFFF) + (sum2 >>> 16);
        }
        sum1 = (sum1 & 0xFFFF) + (sum1 >>> 16);
        sum2 = (sum2 & 0xFFFF) + (sum2 >>> 16);
        return (sum2 << 16) | sum1;
    }
}
