package dev.arietta.core.internal.storage;

import java.nio.ByteBuffer;

/**
 * Splits a buffer meant for a global offset of a {@link FileLayout} into the parts that fall in
 * each file, for the disk and the cache to act on one file at a time.
 */
final class FileSpans {

    /** What is done with one file's part of the buffer, which is framed by the buffer's position and limit. */
    @FunctionalInterface
    interface SpanAction {
        void apply(int fileIndex, long offsetInFile, long globalOffset, ByteBuffer span) throws StorageException;
    }

    private FileSpans() {
    }

    /**
     * Calls {@code action} for each file that {@code buffer} (position to limit, meant for global
     * offset {@code offset}) touches, in order, padding files and empty files' neighbours included
     * (empty files are skipped); then restores the limit and advances the position to it.
     *
     * @throws IllegalArgumentException if the range is outside the layout
     */
    static void forEach(FileLayout layout, long offset, ByteBuffer buffer, SpanAction action) throws StorageException {
        int base = buffer.position();
        int limit = buffer.limit();
        layout.checkRange(offset, limit - base);
        long end = offset + (limit - base);
        long position = offset;
        int index = position < end ? layout.fileIndexAt(position) : 0;
        try {
            while (position < end) {
                long fileEnd = layout.fileEnd(index);
                if (fileEnd > position) {
                    int spanLength = (int) (Math.min(end, fileEnd) - position);
                    int spanStart = base + (int) (position - offset);
                    buffer.limit(spanStart + spanLength).position(spanStart);
                    action.apply(index, position - layout.fileStart(index), position, buffer);
                    position += spanLength;
                }
                index++;
            }
        } finally {
            buffer.limit(limit);
        }
        buffer.position(limit);
    }
}
