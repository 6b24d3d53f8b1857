package io.vlastudio.dataset.hdf5;

import java.io.IOException;
import java.util.function.Consumer;

/** An object in the file's tree: a group or a dataset. */
sealed interface Hdf5Node permits GroupBuilder, DatasetWriter {

    /** Absolute path of the object, e.g. {@code /data/demo_0/actions}; {@code /} for the root group. */
    String path();

    /** Visits the attribute sets of this object and of all its descendants, parents first. */
    void forEachAttributeSet(Consumer<AttributeSet> action);

    /**
     * Writes the object headers of all descendants and then this object's own header, which can link
     * to them now that their addresses are known.
     *
     * @return the address of this object's header
     */
    long writeObjectHeaders(MetadataWriter metadata) throws IOException;
}
