package io.vlastudio.dataset.hdf5;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Packs heap objects (variable-length string values) into Global Heap Collections ("GCOL",
 * spec III.E) and writes each collection as soon as it is full.
 *
 * <p>Collections are at least 4096 bytes (the spec's minimum) and are closed once they would grow past
 * {@link #TARGET_COLLECTION_SIZE}; an object larger than that gets a collection of its own. Every
 * collection ends with the free-space object (index 0), whose size field covers its own header.
 */
final class GlobalHeapWriter {

    /** A reference to a heap object: the collection's address and the object's index within it. */
    record HeapId(long collectionAddress, int objectIndex) {
    }

    static final int MIN_COLLECTION_SIZE = 4096;
    static final int TARGET_COLLECTION_SIZE = 1 << 20;

    private static final byte[] SIGNATURE = {'G', 'C', 'O', 'L'};
    private static final int COLLECTION_HEADER_SIZE = 16;
    private static final int OBJECT_HEADER_SIZE = 16;
    private static final int MAX_OBJECTS = 0xffff;

    private final FileStore store;
    private final List<byte[]> pending = new ArrayList<>();
    private long pendingBytes;
    private long collectionAddress = FileStore.UNDEFINED_ADDRESS;

    GlobalHeapWriter(FileStore store) {
        this.store = store;
    }

    /**
     * Adds an object to the current collection (writing the previous collection first if it is full)
     * and returns its heap ID. Nothing else may allocate file space until {@link #finish()}.
     */
    HeapId add(byte[] object) throws IOException {
        long objectSpace = OBJECT_HEADER_SIZE + align8(object.length);
        boolean full = pending.size() == MAX_OBJECTS
                || COLLECTION_HEADER_SIZE + pendingBytes + objectSpace + OBJECT_HEADER_SIZE > TARGET_COLLECTION_SIZE;
        if (!pending.isEmpty() && full) {
            flush();
        }
        if (pending.isEmpty()) {
            collectionAddress = store.nextAddress();
        }
        pending.add(object);
        pendingBytes += objectSpace;
        return new HeapId(collectionAddress, pending.size());
    }

    /** Writes the last, partially filled collection, if any. */
    void finish() throws IOException {
        if (!pending.isEmpty()) {
            flush();
        }
    }

    private void flush() throws IOException {
        long used = COLLECTION_HEADER_SIZE + pendingBytes + OBJECT_HEADER_SIZE;
        int collectionSize = Math.toIntExact(Math.max(MIN_COLLECTION_SIZE, align8(used)));
        ByteSink out = new ByteSink(collectionSize)
                .bytes(SIGNATURE)
                .u8(1)                                   // version
                .zeros(3)                                // reserved
                .u64(collectionSize);
        int index = 1;
        for (byte[] object : pending) {
            out.u16(index++)
                    .u16(0)                              // reference count (libhdf5 writes 0 for vlen data)
                    .zeros(4)                            // reserved
                    .u64(object.length)
                    .bytes(object)
                    .padTo(8);
        }
        int freeSpace = collectionSize - out.size();     // >= 16: room for its header was reserved above
        out.u16(0).u16(0).zeros(4).u64(freeSpace).zeros(freeSpace - OBJECT_HEADER_SIZE);

        long address = store.allocate(collectionSize);
        if (address != collectionAddress) {
            throw new IllegalStateException("file space was allocated while a heap collection was open");
        }
        store.write(address, out.asByteBuffer());
        pending.clear();
        pendingBytes = 0;
        collectionAddress = FileStore.UNDEFINED_ADDRESS;
    }

    private static long align8(long size) {
        return (size + 7) & ~7L;
    }
}
