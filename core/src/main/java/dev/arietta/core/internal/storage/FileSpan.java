package dev.arietta.core.internal.storage;

/**
 * The part of a byte range that falls inside one file, as produced by
 * {@link FileLayout#spans(long, long)}.
 *
 * @param fileIndex     index of the file in its {@link FileLayout}
 * @param offsetInFile  where the span starts inside the file, in bytes
 * @param offsetInRange where the span starts relative to the start of the mapped range, in bytes
 * @param length        span length in bytes, always greater than zero
 */
public record FileSpan(int fileIndex, long offsetInFile, long offsetInRange, long length) {
}
