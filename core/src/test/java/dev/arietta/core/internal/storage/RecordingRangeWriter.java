package dev.arietta.core.internal.storage;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Records each write (offset and a copy of the bytes) and keeps a flat image of what was written. */
final class RecordingRangeWriter implements RangeWriter {

    /** One recorded write. */
    record Write(long offset, byte[] data) {
        @Override
        public String toString() {
            return "Write[" + offset + ", +" + data.length + "]";
        }
    }

    final List<Write> writes = new ArrayList<>();
    final byte[] image;
    private StorageException failure;

    RecordingRangeWriter(int size) {
        this.image = new byte[size];
    }

    /** Makes the next write throw {@code error} (once). */
    void failNextWrite(StorageException error) {
        this.failure = error;
    }

    @Override
    public void write(long offset, ByteBuffer src) throws StorageException {
        if (failure != null) {
            StorageException error = failure;
            failure = null;
            throw error;
        }
        byte[] data = new byte[src.remaining()];
        src.get(data);
        writes.add(new Write(offset, data));
        System.arraycopy(data, 0, image, (int) offset, data.length);
    }

    /** The recorded writes as "offset+length" strings, for compact assertions. */
    List<String> shape() {
        List<String> shape = new ArrayList<>();
        for (Write write : writes) {
            shape.add(write.offset() + "+" + write.data().length);
        }
        return shape;
    }

    byte[] imageRange(int offset, int length) {
        return Arrays.copyOfRange(image, offset, offset + length);
    }
}
