package io.vlastudio.training.export;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The bytes {@code np.save} writes for a one-dimensional float64 array: the NumPy {@code .npy} format version 1.0
 * (magic {@code \x93NUMPY}, version {@code 1 0}, a little-endian uint16 header length, the header, the data). The
 * header is the Python literal {@code {'descr': '<f8', 'fortran_order': False, 'shape': (N,), }}, followed by the
 * spaces NumPy (1.24 and later) leaves for the shape to grow, padded with spaces to a multiple of 64 bytes with the
 * magic and ending in a newline; the data are the values in little-endian IEEE 754 binary64, bit for bit.
 */
public final class Npy {

    private static final int ALIGN = 64;
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;

    private Npy() {
    }

    /** The header (magic to newline) of a float64 vector of {@code n} values. */
    public static byte[] header(int n) {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + n + ",), }";
        dict += " ".repeat(GROWTH_AXIS_MAX_DIGITS - String.valueOf(n).length());
        int unpadded = 6 + 2 + 2 + dict.length() + 1;
        int pad = (ALIGN - unpadded % ALIGN) % ALIGN;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    /** The whole file {@code np.save} writes for {@code values} as a float64 vector. */
    public static byte[] float64(double[] values) {
        byte[] header = header(values.length);
        ByteBuffer b = ByteBuffer.allocate(header.length + 8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(header);
        for (double v : values) {
            b.putLong(Double.doubleToRawLongBits(v));
        }
        return b.array();
    }
}
