package io.vlastudio.app.training;

import io.vlastudio.app.AppContext;
import io.vlastudio.dataset.DatasetVariant;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.Orientation;
import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.synthetic.GeneratorSettings;
import io.vlastudio.dataset.synthetic.SuiteSpec;
import io.vlastudio.dataset.synthetic.SyntheticSuiteWriter;
import io.vlastudio.tokenizer.image.PatchCodebookTokenizer;
import io.vlastudio.tokenizer.image.PatchCodebookTrainer;
import io.vlastudio.training.studio.ExportFixtures;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the studio-model tests of the app train on, small enough for CI: a one-task synthetic suite of 12 demos at
 * 32 px ({@code DIR/libero_tiny}), the context's built-in image tokenizer trained on it (16 codes; the planner passes
 * its folder to the studio model), and a WorldVLA export of it ({@code DIR/export}).
 */
public record TinyStudioModelData(List<Path> suite, Path export) {

    public static TinyStudioModelData write(AppContext context, Path dir) throws Exception {
        List<Path> suite = new SyntheticSuiteWriter(GeneratorSettings.defaults()).write(dir.resolve("libero_tiny"),
                SuiteSpec.defaults(DatasetVariant.NO_NOOPS).withTasks(1).withDemosPerTask(12).withImageSize(32)
                        .withFailuresPerTask(0), Progress.NONE, () -> false);
        List<DemoFile> files = new ArrayList<>();
        for (Path f : suite) {
            files.add(context.reader().open(f));
        }
        try (PatchCodebookTokenizer t = context.builtinTokenizer().train(files, new PatchCodebookTrainer.Settings(16, 32, 16, 4,
                2000, 2, 5, 4, "agentview", Orientation.ROT180, 7), Progress.NONE, () -> false)) {
            assertThat(t.codebookSize()).isEqualTo(16);
        } finally {
            files.forEach(DemoFile::close);
        }
        Path export = ExportFixtures.write(dir.resolve("export"), "libero_tiny", suite, 2, 3, 10, true);
        return new TinyStudioModelData(suite, export);
    }
}
