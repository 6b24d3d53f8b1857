package io.vlastudio.tokenizer.image;

import io.vlastudio.dataset.DatasetVariant;
import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.Orientation;
import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.hdf5.Hdf5DemoReader;
import io.vlastudio.dataset.synthetic.GeneratorSettings;
import io.vlastudio.dataset.synthetic.SuiteSpec;
import io.vlastudio.dataset.synthetic.SyntheticSuiteWriter;
import io.vlastudio.tokenizer.testing.TinyVqGan;
import io.vlastudio.tokenizer.torch.TorchRuntime;
import io.vlastudio.tokenizer.torch.TorchSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoReconstructorTest {

    @TempDir
    Path dir;

    @Test
    void tokenizesEveryStepReportsProgressAndCachesTheResult() throws Exception {
        Path file = new SyntheticSuiteWriter(GeneratorSettings.defaults()).write(dir.resolve("s"),
                SuiteSpec.defaults(DatasetVariant.ORIGINAL).withTasks(1).withDemosPerTask(1).withImageSize(32),
                Progress.NONE, () -> false).get(0);
        TorchRuntime runtime = new TorchRuntime(TorchSettings.defaults().withThreads(1));
        DemoReconstructor reconstructor = new DemoReconstructor(new FrameFitter(), 2);
        try (DemoFile f = new Hdf5DemoReader().open(file);
             TorchScriptVqGan vq = TorchScriptVqGan.open(TinyVqGan.copyTo(dir.resolve("vq"), false), runtime)) {
            Demo demo = firstSteps(f.openDemo("demo_0"), 8);
            List<Long> done = new ArrayList<>();
            DemoTokenization t = reconstructor.tokenize(vq, "tiny", file.toString(), demo, "agentview", Orientation.ROT180,
                    (d, total, m) -> done.add(d), () -> false);
            assertThat(t.steps()).isEqualTo(demo.length());
            assertThat(done).hasSize(demo.length());
            assertThat(t.fitNote()).isEqualTo("32x32 frame resized to 256x256 (bicubic)");
            assertThat(t.usage().total()).isEqualTo(256L * demo.length());
            assertThat(t.usage().usedCodes() + t.usage().deadCodes()).isEqualTo(256);
            FrameReconstruction r = reconstructor.reconstruct(vq, demo.frame("agentview", 5, Orientation.ROT180), 5);
            assertThat(t.codes().get(5)).isEqualTo(r.codes());
            assertThat(t.psnr()[5]).isEqualTo(r.psnr());
            assertThat(r.difference()).hasSize(256 * 256);

            DemoTokenization again = reconstructor.tokenize(vq, "tiny", file.toString(), demo, "agentview", Orientation.ROT180,
                    Progress.NONE, () -> true);
            assertThat(again).isSameAs(t);
            assertThatThrownBy(() -> reconstructor.tokenize(vq, "tiny", file.toString(), demo, "agentview", Orientation.UPRIGHT,
                    Progress.NONE, () -> true)).isInstanceOf(CancellationException.class);
        }
    }

    /** The demo cut to its first {@code n} steps, to keep the test fast. */
    private static Demo firstSteps(Demo d, int n) {
        return new Demo() {
            @Override
            public io.vlastudio.dataset.DemoSummary summary() {
                return d.summary();
            }

            @Override
            public int length() {
                return n;
            }

            @Override
            public double[][] actions() throws io.vlastudio.dataset.DatasetException {
                return java.util.Arrays.copyOf(d.actions(), n);
            }

            @Override
            public List<String> lowDimKeys() {
                return d.lowDimKeys();
            }

            @Override
            public double[][] lowDim(String key) throws io.vlastudio.dataset.DatasetException {
                return d.lowDim(key);
            }

            @Override
            public io.vlastudio.dataset.Frame frame(String camera, int step, Orientation orientation)
                    throws io.vlastudio.dataset.DatasetException {
                return d.frame(camera, step, orientation);
            }

            @Override
            public List<io.vlastudio.dataset.Frame> frames(String camera, int from, int to, Orientation orientation)
                    throws io.vlastudio.dataset.DatasetException {
                return d.frames(camera, from, to, orientation);
            }

            @Override
            public java.util.Optional<double[]> initState() throws io.vlastudio.dataset.DatasetException {
                return d.initState();
            }

            @Override
            public java.util.Optional<String> modelFile() throws io.vlastudio.dataset.DatasetException {
                return d.modelFile();
            }
        };
    }

    @Test
    void codebookUsageCountsCodesAndDeadOnes() {
        CodeGrid a = new CodeGrid(1, 3, new int[] {0, 0, 2}, Orientation.RAW);
        CodeGrid b = new CodeGrid(1, 3, new int[] {2, 3, 3}, Orientation.RAW);
        CodebookUsage usage = CodebookUsage.of(5, List.of(a)).plus(CodebookUsage.of(5, List.of(b)));
        assertThat(usage.counts()).containsExactly(2, 0, 2, 2, 0);
        assertThat(usage.total()).isEqualTo(6);
        assertThat(usage.usedCodes()).isEqualTo(3);
        assertThat(usage.deadCodes()).isEqualTo(2);
    }
}
