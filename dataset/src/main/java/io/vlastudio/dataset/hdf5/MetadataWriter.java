package io.vlastudio.dataset.hdf5;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the metadata appended at close: first the global heap holding every variable-length string
 * attribute value, then the object headers (children before parents).
 */
final class MetadataWriter {

    private final FileStore store;
    private final Map<Attribute.VariableLengthString, GlobalHeapWriter.HeapId> heapIds = new IdentityHashMap<>();

    MetadataWriter(FileStore store) {
        this.store = store;
    }

    /** Places the value of every string attribute under {@code root} in global heap collections. */
    void writeGlobalHeap(Hdf5Node root) throws IOException {
        List<AttributeSet> attributeSets = new ArrayList<>();
        root.forEachAttributeSet(attributeSets::add);
        GlobalHeapWriter heap = new GlobalHeapWriter(store);
        for (AttributeSet attributes : attributeSets) {
            for (Attribute attribute : attributes.all()) {
                if (attribute instanceof Attribute.VariableLengthString string) {
                    heapIds.put(string, heap.add(string.utf8()));
                }
            }
        }
        heap.finish();
    }

    /** Appends one Attribute message per attribute to {@code header}. */
    void addAttributeMessages(ObjectHeader header, AttributeSet attributes) {
        for (Attribute attribute : attributes.all()) {
            if (attribute instanceof Attribute.Encoded encoded) {
                header.add(Messages.ATTRIBUTE, encoded.message());
            } else if (attribute instanceof Attribute.VariableLengthString string) {
                GlobalHeapWriter.HeapId id = heapIds.get(string);
                if (id == null) {
                    throw new IllegalStateException("string attribute '" + string.name() + "' was not placed in the heap");
                }
                header.add(Messages.ATTRIBUTE, string.message(id));
            }
        }
    }

    /** Writes an object header at the next free address and returns that address. */
    long writeObjectHeader(ObjectHeader header) throws IOException {
        byte[] encoded = header.encode();
        long address = store.allocate(encoded.length);
        store.write(address, ByteBuffer.wrap(encoded));
        return address;
    }
}
