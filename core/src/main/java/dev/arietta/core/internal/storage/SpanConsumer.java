package dev.arietta.core.internal.storage;

/**
 * Receives the file spans of a byte range from
 * {@link FileLayout#forEachSpan(long, long, SpanConsumer)}, in increasing offset order.
 *
 * <p>The allocation-free counterpart of {@link FileSpan}: the four values arrive as arguments.
 *
 * @param <X> the checked exception the consumer may throw (for example {@link java.io.IOException}),
 *            passed through by {@code forEachSpan} unchanged
 */
@FunctionalInterface
public interface SpanConsumer<X extends Exception> {

    /**
     * Called once per file that holds at least one byte of the range.
     *
     * @param fileIndex     index of the file in the layout
     * @param offsetInFile  where the span starts inside the file, in bytes
     * @param offsetInRange where the span starts relative to the start of the range, in bytes
     * @param length        span length in bytes, greater than zero
     * @throws X to abort the iteration; no further spans are delivered
     */
    void accept(int fileIndex, long offsetInFile, long offsetInRange, long length) throws X;
}
