package dev.arietta.core.internal.storage;

import java.nio.ByteBuffer;

/** Where {@link WriteBackCache} flushes to: positional writes at global offsets. */
interface RangeWriter {

    /**
     * Writes all of {@code src} (position to limit) at global offset {@code offset}. The buffer
     * is only borrowed for the call: its position is advanced to its limit and it is not kept.
     */
    void write(long offset, ByteBuffer src) throws StorageException;
}
