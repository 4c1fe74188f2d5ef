package dev.arietta.core.internal.storage;

import java.util.Objects;

/**
 * One file of a download as the metadata describes it.
 *
 * <p>The path is a label relative to the download directory, elements separated by
 * {@code '/'}. It is untrusted: {@link TargetFiles#prepare} runs it through
 * {@link PathSanitizer} before anything touches the disk.
 *
 * @param path    relative, {@code '/'}-separated path as given by the metadata; not null
 * @param length  length in bytes, zero or more
 * @param padding whether this is a BEP 47 padding file (attribute {@code p}): its bytes are
 *                zeros, count in piece boundaries, and are never stored on disk
 */
public record FileEntry(String path, long length, boolean padding) {

    /**
     * @throws NullPointerException     if {@code path} is null
     * @throws IllegalArgumentException if {@code length} is negative
     */
    public FileEntry {
        Objects.requireNonNull(path, "path");
        if (length < 0) {
            throw new IllegalArgumentException("file " + path + ": negative length " + length);
        }
    }

    /** A regular (not padding) file. */
    public static FileEntry of(String path, long length) {
        return new FileEntry(path, length, false);
    }

    /** A BEP 47 padding file. */
    public static FileEntry padding(String path, long length) {
        return new FileEntry(path, length, true);
    }
}
