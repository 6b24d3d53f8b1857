package io.vlastudio.tokenizer.image;

import io.vlastudio.dataset.DatasetException;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.Progress;
import io.vlastudio.tokenizer.torch.TorchRuntime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Where the workspace keeps its built-in tokenizer, and how it gets there. */
public final class BuiltinTokenizerStore {

    private final Path folder;
    private final TorchRuntime runtime;
    private final PatchCodebookTrainer trainer;

    public BuiltinTokenizerStore(Path folder, TorchRuntime runtime, PatchCodebookTrainer trainer) {
        this.folder = folder;
        this.runtime = runtime;
        this.trainer = trainer;
    }

    public Path folder() {
        return folder;
    }

    public boolean exists() {
        return PatchCodebookTokenizer.isSavedIn(folder);
    }

    public PatchCodebookTokenizer open() throws TokenizerException {
        return PatchCodebookTokenizer.open(folder, runtime);
    }

    /** Trains on {@code files}, replaces the saved tokenizer and returns it. */
    public PatchCodebookTokenizer train(List<DemoFile> files, PatchCodebookTrainer.Settings settings, Progress progress,
                                        BooleanSupplier cancelled) throws DatasetException, IOException {
        try (PatchCodebookTokenizer trained = trainer.train(files, settings, progress, cancelled)) {
            return trained.save(folder, runtime);
        }
    }
}
