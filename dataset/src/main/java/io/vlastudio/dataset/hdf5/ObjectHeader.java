package io.vlastudio.dataset.hdf5;

/**
 * Builds a version 2 object header ("OHDR", spec IV.A.1.b) holding all messages in chunk #0,
 * without timestamps or attribute phase-change values, followed by its checksum.
 */
final class ObjectHeader {

    /** Message bodies are sized by a 2-byte field. */
    static final int MAX_MESSAGE_SIZE = 0xffff;

    /** Message flag bit 0: the message is constant (libhdf5 sets it on datatype and fill value messages). */
    static final int FLAG_CONSTANT = 0x01;

    private static final byte[] SIGNATURE = {'O', 'H', 'D', 'R'};

    private final ByteSink messages = new ByteSink(256);

    /** Appends a message with no flags. */
    ObjectHeader add(int type, byte[] body) {
        return add(type, 0, body);
    }

    /** Appends a message: type (1 byte), body size (2 bytes), flags (1 byte), body. */
    ObjectHeader add(int type, int flags, byte[] body) {
        if (body.length > MAX_MESSAGE_SIZE) {
            throw new IllegalArgumentException("object header message of type " + type + " is too large: "
                    + body.length + " bytes");
        }
        messages.u8(type).u16(body.length).u8(flags).bytes(body);
        return this;
    }

    /** The complete header: prefix, chunk #0 and checksum. */
    byte[] encode() {
        int chunkSize = messages.size();
        int widthCode = chunkSize <= 0xff ? 0 : chunkSize <= 0xffff ? 1 : 2;   // flags bits 0-1
        ByteSink out = new ByteSink(4 + 2 + 4 + chunkSize + 4)
                .bytes(SIGNATURE)
                .u8(2)                                   // version
                .u8(widthCode)                           // flags: only the size of the chunk #0 size field
                .unsigned(chunkSize, 1 << widthCode)
                .bytes(messages.toByteArray());
        return out.checksum().toByteArray();
    }
}
