package io.vlastudio.dataset.hdf5;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The datasets under one demo group of an h5py-style file, read from the file's bytes without jHDF: their
 * paths, shapes, element types and contiguous data addresses, which is all a metadata scan needs of them.
 * <p>
 * Why: a scan summarises every dataset of every demo (lengths, storage, cameras), about 14 objects a demo.
 * jHDF parses every message of every object header it meets (attributes, fill values, datatypes through
 * {@code BigInteger}, message lookups through streams), which made its structure walk most of a scan's
 * time. This walk reads the three messages a summary needs (dataspace, datatype, layout) and the group
 * structure (symbol table, B-tree, symbol-table nodes, local heap) and nothing else.
 * <p>
 * It understands exactly what h5py writes by default (version 0/1 superblock with 8-byte offsets and lengths,
 * symbol-table groups, version 1 object headers, contiguous datasets with non-shared datatypes). On anything
 * else, or on anything that does not add up (a signature, a size, an address outside the file, a loop, too
 * many objects or levels), {@link #walk} returns {@code null} and the caller uses jHDF's walk and checks for
 * that demo, so every hostile-input check of ADR 0030 still applies there. Every read is bounded by the
 * limits below; groups are walked without recursion with a visited set ({@link GroupWalk#MAX_DEPTH},
 * {@link GroupWalk#MAX_NODES}).
 */
final class LeanGroupWalk {

    /** A dataset found: its path under the demo ({@code obs/agentview_rgb}) and what its header says. */
    record Entry(String path, long[] dims, int typeClass, int typeSize, boolean signed, ByteOrder order,
                 boolean ieeeFloat, long address) {

        static final int FIXED = 0;
        static final int FLOAT = 1;
        /** No data address (storage never allocated): the "undefined address" of the file format. */
        static final long UNDEFINED = -1;

        String name() {
            int slash = path.lastIndexOf('/');
            return slash < 0 ? path : path.substring(slash + 1);
        }

        String parentName() {
            int slash = path.lastIndexOf('/');
            if (slash < 0) {
                return "";
            }
            int before = path.lastIndexOf('/', slash - 1);
            return path.substring(before + 1, slash);
        }

        boolean numeric() {
            return typeClass == FIXED || typeClass == FLOAT;
        }

        String dtypeName() {
            return typeClass == FLOAT ? "float" + typeSize * 8 : (signed ? "int" : "uint") + typeSize * 8;
        }

        String shape() {
            StringBuilder s = new StringBuilder("(");
            for (int i = 0; i < dims.length; i++) {
                s.append(i == 0 ? "" : ",").append(dims[i]);
            }
            return s.append(dims.length == 1 ? ",)" : ")").toString();
        }

        /** Bytes the shape and type declare (saturating). */
        long declaredBytes() {
            long bytes = typeSize;
            for (long d : dims) {
                if (d < 0) {
                    return Long.MAX_VALUE;
                }
                if (d != 0 && bytes > Long.MAX_VALUE / d) {
                    return Long.MAX_VALUE;
                }
                bytes *= d;
            }
            return bytes;
        }
    }

    /** The most bytes of one object header (all its blocks) read; larger ones go to jHDF. */
    static final int MAX_HEADER_BYTES = 1 << 20;
    /** The most bytes of a group's local heap (its member names) read. */
    static final int MAX_HEAP_BYTES = 1 << 20;
    /** Continuation blocks followed per object header. */
    static final int MAX_CONTINUATIONS = 64;

    private static final int MSG_DATASPACE = 0x0001;
    private static final int MSG_DATATYPE = 0x0003;
    private static final int MSG_LAYOUT = 0x0008;
    private static final int MSG_FILTERS = 0x000B;
    private static final int MSG_CONTINUATION = 0x0010;
    private static final int MSG_SYMBOL_TABLE = 0x0011;
    private static final int MSG_LINK = 0x0006;
    private static final int MSG_LINK_INFO = 0x0002;
    private static final int MSG_EXTERNAL_FILES = 0x0007;

    /** Thrown inside the walk when the structure is not the plain one this walk reads: use jHDF instead. */
    private static final class NotLean extends Exception {
        NotLean() {
            super(null, null, false, false);
        }
    }

    private static final NotLean NOT_LEAN = new NotLean();

    /** What the walk reads through (the file's own channel: nothing it reads is read twice). */
    private FileChannel channel;
    /** What {@link #members} reads through (the open-time cache jHDF reads through). */
    private final FileChannel listingChannel;
    private final long base;
    private final long fileSize;
    /** The buffer every read lands in (grown to the largest read, at most {@link #MAX_HEADER_BYTES}). */
    private ByteBuffer buffer = ByteBuffer.allocateDirect(4096);

    LeanGroupWalk(FileChannel channel, FileChannel listingChannel, long base, long fileSize) {
        this.channel = channel;
        this.listingChannel = listingChannel;
        this.base = base;
        this.fileSize = fileSize;
    }

    /**
     * The datasets under the group whose object header is at {@code address}, or {@code null} when the group
     * is not plain h5py structure (the caller then walks it with jHDF). {@code outside}: addresses of the
     * enclosing groups, never entered.
     */
    List<Entry> walk(long address, Set<Long> outside) throws IOException {
        try {
            return walkOrThrow(address, outside);
        } catch (NotLean | RuntimeException e) {
            return null; // a BufferUnderflowException, a negative size...: not plain; jHDF reports it properly
        }
    }

    /**
     * The members of the plain symbol-table group at {@code address} (name to object header address, in the
     * group's order), or {@code null} when it is not one (or names repeat): the caller then lists it with jHDF.
     */
    java.util.LinkedHashMap<String, Long> members(long address) throws IOException {
        FileChannel walking = channel;
        channel = listingChannel; // the group's header was just read by jHDF: served from the open-time cache
        try {
            Header group = header(address);
            if (group.symbolTable == null || group.dataspace != null) {
                return null;
            }
            byte[] heap = localHeap(group.symbolTable[1]);
            List<long[]> members = new ArrayList<>();
            members(group.symbolTable[0], members);
            java.util.LinkedHashMap<String, Long> out = new java.util.LinkedHashMap<>();
            for (long[] m : members) {
                if (out.put(name(heap, m[0]), m[1]) != null) {
                    return null;
                }
            }
            return out;
        } catch (NotLean | RuntimeException e) {
            return null;
        } finally {
            channel = walking;
        }
    }

    private List<Entry> walkOrThrow(long address, Set<Long> outside) throws IOException, NotLean {
        record Pending(long address, Header header, String path, int depth) {
        }
        List<Entry> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>(outside);
        seen.add(address);
        Deque<Pending> stack = new ArrayDeque<>();
        stack.push(new Pending(address, null, "", 0));
        int nodes = 0;
        boolean first = true;
        while (!stack.isEmpty()) {
            Pending p = stack.pop();
            Header group = p.header() != null ? p.header() : header(p.address()); // a subgroup's was read already
            if (group.symbolTable == null) {
                throw NOT_LEAN; // a new-style group (link messages), or not a group
            }
            if (first && group.dataspace != null) {
                throw NOT_LEAN;
            }
            first = false;
            byte[] heap = localHeap(group.symbolTable[1]);
            List<long[]> members = new ArrayList<>(); // {name offset, header address}
            members(group.symbolTable[0], members);
            for (long[] m : members) {
                if (++nodes > GroupWalk.MAX_NODES) {
                    throw NOT_LEAN; // jHDF's walk says what was left out
                }
                String name = name(heap, m[0]);
                String path = p.path().isEmpty() ? name : p.path() + "/" + name;
                Header child = header(m[1]);
                if (child.symbolTable != null) {
                    if (!seen.add(m[1]) || p.depth() + 1 > GroupWalk.MAX_DEPTH) {
                        throw NOT_LEAN; // a cycle or deep nesting: jHDF's walk reports it
                    }
                    stack.push(new Pending(m[1], child, path, p.depth() + 1));
                } else if (child.dataspace != null && child.datatype != null && child.layoutClass >= 0) {
                    out.add(child.entry(path));
                } else {
                    throw NOT_LEAN;
                }
            }
        }
        return out;
    }

    /** What one object header says, as far as this walk reads it. */
    private static final class Header {
        long[] symbolTable; // {B-tree address, local heap address}
        long[] dataspace;
        boolean scalarOrNull;
        int typeClass = -1;
        int typeSize;
        boolean signed;
        ByteOrder order;
        boolean ieee;
        Object datatype;
        int layoutClass = -1;
        long address = Entry.UNDEFINED;

        Entry entry(String path) throws NotLean {
            if (layoutClass != 1) {
                throw NOT_LEAN; // compact or chunked: jHDF's storage checks apply
            }
            return new Entry(path, dataspace, typeClass, typeSize, signed, order, ieee, address);
        }
    }

    private Header header(long address) throws IOException, NotLean {
        ByteBuffer prefix = read(address, 16);
        if (prefix.get(0) != 1) {
            throw NOT_LEAN; // version 2 ("OHDR") headers: jHDF
        }
        int messages = Short.toUnsignedInt(prefix.getShort(2));
        long size = Integer.toUnsignedLong(prefix.getInt(8));
        if (size > MAX_HEADER_BYTES) {
            throw NOT_LEAN;
        }
        Header h = new Header();
        Deque<long[]> blocks = new ArrayDeque<>();
        blocks.add(new long[] {address + 16, size});
        int continuations = 0;
        int seenMessages = 0;
        long total = 0;
        while (!blocks.isEmpty()) {
            long[] block = blocks.poll();
            total += block[1];
            if (total > MAX_HEADER_BYTES) {
                throw NOT_LEAN;
            }
            ByteBuffer b = read(block[0], (int) block[1]);
            while (b.remaining() >= 8 && seenMessages < messages) {
                int type = Short.toUnsignedInt(b.getShort());
                int length = Short.toUnsignedInt(b.getShort());
                int flags = b.get() & 0xff;
                b.position(b.position() + 3);
                if (length > b.remaining()) {
                    throw NOT_LEAN;
                }
                ByteBuffer body = b.slice().limit(length).order(ByteOrder.LITTLE_ENDIAN);
                b.position(b.position() + length);
                seenMessages++;
                if ((flags & 0x02) != 0 && (type == MSG_DATATYPE || type == MSG_DATASPACE)) {
                    throw NOT_LEAN; // a shared (committed) datatype or dataspace
                }
                switch (type) {
                    case MSG_DATASPACE -> dataspace(body, h);
                    case MSG_DATATYPE -> datatype(body, h);
                    case MSG_LAYOUT -> layout(body, h);
                    case MSG_SYMBOL_TABLE -> h.symbolTable = new long[] {body.getLong(0), body.getLong(8)};
                    case MSG_CONTINUATION -> {
                        if (++continuations > MAX_CONTINUATIONS) {
                            throw NOT_LEAN;
                        }
                        blocks.add(new long[] {body.getLong(0), body.getLong(8)});
                    }
                    case MSG_LINK, MSG_LINK_INFO, MSG_EXTERNAL_FILES, MSG_FILTERS -> throw NOT_LEAN;
                    default -> {
                        // attributes, fill values, modification times...: not needed for a summary
                    }
                }
            }
        }
        if (h.dataspace != null && h.scalarOrNull) {
            throw NOT_LEAN; // scalar and null dataspaces: jHDF
        }
        return h;
    }

    private static void dataspace(ByteBuffer b, Header h) throws NotLean {
        int version = b.get(0) & 0xff;
        int rank = b.get(1) & 0xff;
        int at;
        if (version == 1) {
            at = 8;
        } else if (version == 2) {
            if ((b.get(3) & 0xff) != 1) { // 0 scalar, 2 null
                h.scalarOrNull = true;
                h.dataspace = new long[0];
                return;
            }
            at = 4;
        } else {
            throw NOT_LEAN;
        }
        if (rank == 0) {
            h.scalarOrNull = true;
            h.dataspace = new long[0];
            return;
        }
        if (rank > 32) {
            throw NOT_LEAN;
        }
        long[] dims = new long[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = b.getLong(at + 8 * i);
        }
        h.dataspace = dims;
    }

    private static void datatype(ByteBuffer b, Header h) throws NotLean {
        int classAndVersion = b.get(0) & 0xff;
        int typeClass = classAndVersion & 0x0f;
        int bits0 = b.get(1) & 0xff;
        int size = b.getInt(4);
        if (size <= 0 || size > 8) {
            throw NOT_LEAN;
        }
        h.datatype = Boolean.TRUE;
        h.typeSize = size;
        h.order = (bits0 & 0x01) == 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        if (typeClass == Entry.FIXED) {
            if (size != 1 && size != 2 && size != 4 && size != 8) {
                throw NOT_LEAN;
            }
            h.typeClass = Entry.FIXED;
            h.signed = (bits0 & 0x08) != 0;
        } else if (typeClass == Entry.FLOAT) {
            if ((bits0 & 0x40) != 0) {
                throw NOT_LEAN; // VAX byte order
            }
            int offset = Short.toUnsignedInt(b.getShort(8));
            int precision = Short.toUnsignedInt(b.getShort(10));
            int exponentSize = b.get(13) & 0xff;
            int mantissaSize = b.get(15) & 0xff;
            int bias = b.getInt(16);
            boolean ieee64 = size == 8 && offset == 0 && precision == 64 && exponentSize == 11 && mantissaSize == 52
                    && bias == 1023;
            boolean ieee32 = size == 4 && offset == 0 && precision == 32 && exponentSize == 8 && mantissaSize == 23
                    && bias == 127;
            if (!ieee64 && !ieee32) {
                throw NOT_LEAN;
            }
            h.typeClass = Entry.FLOAT;
            h.ieee = true;
        } else {
            throw NOT_LEAN; // strings, compounds, enums...: jHDF
        }
    }

    private static void layout(ByteBuffer b, Header h) throws NotLean {
        int version = b.get(0) & 0xff;
        if (version != 3) {
            throw NOT_LEAN;
        }
        int layoutClass = b.get(1) & 0xff;
        h.layoutClass = layoutClass;
        if (layoutClass == 1) {
            h.address = b.getLong(2);
        }
    }

    /** The member names and header addresses of a symbol-table group's B-tree (version 1, type 0). */
    private void members(long treeAddress, List<long[]> out) throws IOException, NotLean {
        Deque<Long> nodes = new ArrayDeque<>();
        Set<Long> visited = new HashSet<>();
        nodes.push(treeAddress);
        while (!nodes.isEmpty()) {
            long at = nodes.pop();
            if (!visited.add(at) || visited.size() > GroupWalk.MAX_NODES) {
                throw NOT_LEAN;
            }
            ByteBuffer head = read(at, 24);
            if (head.get(0) != 'T' || head.get(1) != 'R' || head.get(2) != 'E' || head.get(3) != 'E' || head.get(4) != 0) {
                throw NOT_LEAN;
            }
            int nodeLevel = head.get(5) & 0xff;
            int entries = Short.toUnsignedInt(head.getShort(6));
            // keys (8 bytes) and children (8 bytes) alternate after the 24-byte header: key0 child0 key1 ... keyN
            ByteBuffer body = read(at + 24, 16 * entries + 8);
            List<Long> children = new ArrayList<>(entries);
            for (int i = 0; i < entries; i++) {
                children.add(body.getLong(8 + 16 * i));
            }
            if (nodeLevel > 0) {
                for (int i = children.size() - 1; i >= 0; i--) {
                    nodes.push(children.get(i));
                }
            } else {
                for (long snod : children) {
                    symbolNode(snod, out);
                    if (out.size() > GroupWalk.MAX_NODES) {
                        throw NOT_LEAN;
                    }
                }
            }
        }
    }

    private void symbolNode(long at, List<long[]> out) throws IOException, NotLean {
        ByteBuffer head = read(at, 8);
        if (head.get(0) != 'S' || head.get(1) != 'N' || head.get(2) != 'O' || head.get(3) != 'D' || head.get(4) != 1) {
            throw NOT_LEAN;
        }
        int symbols = Short.toUnsignedInt(head.getShort(6));
        ByteBuffer entries = read(at + 8, 40 * symbols);
        for (int i = 0; i < symbols; i++) {
            int e = 40 * i;
            int cacheType = entries.getInt(e + 16);
            if (cacheType == 2) {
                throw NOT_LEAN; // a soft link: jHDF resolves (or reports) it
            }
            out.add(new long[] {entries.getLong(e), entries.getLong(e + 8)});
        }
    }

    /** The data segment of a local heap ("HEAP", version 0): the group's member names. */
    private byte[] localHeap(long at) throws IOException, NotLean {
        ByteBuffer head = read(at, 32);
        if (head.get(0) != 'H' || head.get(1) != 'E' || head.get(2) != 'A' || head.get(3) != 'P' || head.get(4) != 0) {
            throw NOT_LEAN;
        }
        long size = head.getLong(8);
        long data = head.getLong(24);
        if (size < 0 || size > MAX_HEAP_BYTES) {
            throw NOT_LEAN;
        }
        ByteBuffer b = read(data, (int) size);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static String name(byte[] heap, long offset) throws NotLean {
        if (offset < 0 || offset >= heap.length) {
            throw NOT_LEAN;
        }
        int end = (int) offset;
        while (end < heap.length && heap[end] != 0) {
            end++;
        }
        if (end == heap.length || end == offset) {
            throw NOT_LEAN;
        }
        return new String(heap, (int) offset, end - (int) offset, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * {@code length} bytes at file address {@code address} (relative to the base), little-endian, read with one
     * positional read into the walk's one reused direct buffer (no heap buffer, no copy through the JDK's
     * temporary buffer): valid until the next read, and every caller is done with it by then.
     */
    private ByteBuffer read(long address, int length) throws IOException, NotLean {
        long position = base + address;
        if (address < 0 || length < 0 || position < 0 || position + length > fileSize) {
            throw NOT_LEAN;
        }
        if (buffer.capacity() < length) {
            buffer = ByteBuffer.allocateDirect(Math.max(length, 2 * buffer.capacity()));
        }
        ByteBuffer b = buffer.clear().limit(length);
        while (b.hasRemaining()) {
            if (channel.read(b, position + b.position()) < 0) {
                throw NOT_LEAN;
            }
        }
        return b.flip().order(ByteOrder.LITTLE_ENDIAN);
    }
}
