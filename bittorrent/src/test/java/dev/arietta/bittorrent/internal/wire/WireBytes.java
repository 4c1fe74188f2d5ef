package dev.arietta.bittorrent.internal.wire;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/** Builds raw peer wire bytes for tests. */
final class WireBytes {

    private WireBytes() {
    }

    /** The bytes an encoder method writes. */
    static byte[] encode(Consumer<ByteBuffer> encoder) {
        ByteBuffer out = ByteBuffer.allocate(256);
        encoder.accept(out);
        out.flip();
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        return bytes;
    }

    /** A raw message: 4-byte length, id, payload. */
    static byte[] message(int id, byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(5 + payload.length);
        out.putInt(1 + payload.length).put((byte) id).put(payload);
        return out.array();
    }

    /** A raw message whose fields are 4-byte integers. */
    static byte[] message(int id, int... fields) {
        ByteBuffer payload = ByteBuffer.allocate(fields.length * 4);
        for (int field : fields) {
            payload.putInt(field);
        }
        return message(id, payload.array());
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** {@code length} bytes counting up from {@code seed}. */
    static byte[] pattern(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed + i * 7);
        }
        return bytes;
    }
}
