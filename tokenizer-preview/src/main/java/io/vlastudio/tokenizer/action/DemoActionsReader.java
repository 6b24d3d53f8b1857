package io.vlastudio.tokenizer.action;

import io.vlastudio.dataset.DatasetException;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.DemoSummary;

import java.util.ArrayList;
import java.util.List;

/** Reads the actions of demos, labelled {@code <file name> <demo>} for error messages. */
public final class DemoActionsReader {

    /** The actions of one demo. */
    public DemoActions read(DemoFile file, String demo) throws DatasetException {
        return new DemoActions(label(file, demo), file.openDemo(demo).actions());
    }

    /** The actions of every valid demo of a file, in numeric demo order. */
    public List<DemoActions> readAll(DemoFile file) throws DatasetException {
        List<DemoActions> out = new ArrayList<>();
        for (DemoSummary s : file.demos()) {
            if (s.valid()) {
                out.add(read(file, s.name()));
            }
        }
        return out;
    }

    static String label(DemoFile file, String demo) {
        return file.path().getFileName() + " " + demo;
    }
}
