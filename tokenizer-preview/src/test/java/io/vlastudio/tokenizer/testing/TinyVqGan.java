package io.vlastudio.tokenizer.testing;

import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The committed tiny random-weight VQ-GAN (Chameleon's modules at 8 channels, 256 codes; made by
 * {@code vqgan-tiny/make_tiny_vqgan.py}) and the test image its reference codes were computed on.
 */
public final class TinyVqGan {

    public static final String[] TOKENIZER_FILES = {"encoder.pt", "decoder.pt", "vqgan-torchscript.json"};

    private TinyVqGan() {
    }

    /** Copies the exported tokenizer (and, with {@code references}, the reference files) into {@code dir}. */
    public static Path copyTo(Path dir, boolean references) throws IOException {
        Files.createDirectories(dir);
        for (String name : TOKENIZER_FILES) {
            copy(name, dir);
        }
        if (references) {
            copy("reference.json", dir);
            copy("decoded_64.f32", dir);
        }
        return dir;
    }

    private static void copy(String name, Path dir) throws IOException {
        try (InputStream in = TinyVqGan.class.getClassLoader().getResourceAsStream("vqgan-tiny/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource vqgan-tiny/" + name);
            }
            Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** {@code test_image(side)} of make_tiny_vqgan.py. */
    public static Frame testImage(int side) {
        byte[] rgb = new byte[side * side * 3];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                for (int c = 0; c < 3; c++) {
                    int v = ((x - 97) * (x - 97) + (y - 140) * (y - 140) * (c + 1)) / 53 + 40 * c
                            + ((x / 32 + y / 32) % 2) * 60 + (x * 3 + y) / 5;
                    rgb[(y * side + x) * 3 + c] = (byte) (v % 256);
                }
            }
        }
        return new Frame(side, side, Orientation.ROT180, rgb);
    }
}
