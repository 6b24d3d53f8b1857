package io.vlastudio.store.curation;

import java.util.List;

/**
 * A mix component with the demos it selects now.
 *
 * @param problem why it selects nothing it could ("no view named x"), or {@code null}
 */
public record ResolvedComponent(MixComponent component, List<CurationRow> rows, String problem) {

    public ResolvedComponent {
        rows = List.copyOf(rows);
    }
}
