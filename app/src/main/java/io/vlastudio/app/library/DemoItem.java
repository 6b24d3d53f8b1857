package io.vlastudio.app.library;

import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.DemoSummary;

/** One demo of an opened file, as the library lists it. */
public record DemoItem(DemoFile file, DemoSummary summary) {

    public String label() {
        return summary.name() + "  ·  " + summary.length() + " steps" + (summary.valid() ? "" : "  ·  invalid");
    }

    @Override
    public String toString() {
        return file.task() + "#" + summary.name();
    }
}
