package dev.arietta.http.internal.transfer;

import java.nio.ByteBuffer;

/**
 * Where a {@link SegmentedTransfer}'s bytes go: the download's storage, written on the disk
 * executor. Called on the loop thread.
 *
 * <p>Ownership: {@link #write} takes a pooled buffer (flipped: position to limit is the data)
 * and owns it until it hands it back with {@link SegmentedTransfer#written} or
 * {@link SegmentedTransfer#writeFailed}, called on the loop thread.
 */
public interface TransferSink {

    /** Writes {@code buffer} at file offset {@code offset}, asynchronously, in submission order. */
    void write(long offset, ByteBuffer buffer);
}
