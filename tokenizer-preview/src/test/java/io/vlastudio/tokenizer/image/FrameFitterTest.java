package io.vlastudio.tokenizer.image;

import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FrameFitterTest {

    private final FrameFitter fitter = new FrameFitter();

    @Test
    void passesFramesOfTheRightSizeThroughUntouched() {
        Frame f = flat(256, 256, 7);
        FrameFitter.Fitted fitted = fitter.fit(f, 256);
        assertThat(fitted.frame()).isSameAs(f);
        assertThat(fitted.changed()).isFalse();
        assertThat(fitted.note()).isEmpty();
    }

    @Test
    void resizesAndSaysSo() {
        FrameFitter.Fitted fitted = fitter.fit(flat(128, 128, 90), 256);
        assertThat(fitted.changed()).isTrue();
        assertThat(fitted.note()).isEqualTo("128x128 frame resized to 256x256 (bicubic)");
        assertThat(fitted.frame().width()).isEqualTo(256);
        // a flat image stays flat: the kernel weights sum to one
        for (byte b : fitted.frame().rgb()) {
            assertThat(b & 0xFF).isEqualTo(90);
        }
        assertThat(fitted.frame().orientation()).isEqualTo(Orientation.ROT180);
    }

    @Test
    void cropsTheCentreOfNonSquareFrames() {
        byte[] rgb = new byte[40 * 20 * 3];
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 40; x++) {
                rgb[(y * 40 + x) * 3] = (byte) (x >= 10 && x < 30 ? 200 : 0);
            }
        }
        FrameFitter.Fitted fitted = fitter.fit(new Frame(40, 20, Orientation.ROT180, rgb), 20);
        assertThat(fitted.note()).isEqualTo("40x20 frame cropped to the centre 20x20");
        for (int i = 0; i < 20 * 20; i++) {
            assertThat(fitted.frame().rgb()[i * 3] & 0xFF).isEqualTo(200);
        }
    }

    @Test
    void upsamplingKeepsAnEdgeSharpWithinTwoPixels() {
        byte[] rgb = new byte[8 * 8 * 3];
        for (int y = 0; y < 8; y++) {
            for (int x = 4; x < 8; x++) {
                rgb[(y * 8 + x) * 3] = (byte) 255;
            }
        }
        Frame up = FrameFitter.resize(new Frame(8, 8, Orientation.RAW, rgb), 16, 16);
        assertThat(up.rgb()[(3 * 16 + 2) * 3] & 0xFF).isZero();
        assertThat(up.rgb()[(3 * 16 + 13) * 3] & 0xFF).isEqualTo(255);
        int mid = up.rgb()[(3 * 16 + 8) * 3] & 0xFF;
        assertThat(mid).isBetween(128, 255);
    }

    private static Frame flat(int w, int h, int v) {
        byte[] rgb = new byte[w * h * 3];
        java.util.Arrays.fill(rgb, (byte) v);
        return new Frame(w, h, Orientation.ROT180, rgb);
    }
}
