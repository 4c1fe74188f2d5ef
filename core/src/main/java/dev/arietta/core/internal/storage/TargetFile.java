package dev.arietta.core.internal.storage;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where one file of a download goes on disk and what to do with what is already there, as
 * decided by {@link ExistingFilePolicy} before {@link Storage} opens anything.
 *
 * @param path        absolute path inside the download directory; not null
 * @param disposition what {@link Storage} does with an existing file at {@code path}
 */
public record TargetFile(Path path, Disposition disposition) {

    /** What {@link Storage} does with the file at {@link #path()}. */
    public enum Disposition {
        /** Nothing existed at the path when it was checked; the file is created. */
        CREATE,
        /** The file exists and resume state says its content is ours: keep it. */
        CONTINUE,
        /** The file exists without resume state and overwriting is allowed: truncated to zero on first open. */
        OVERWRITE,
        /** The original name existed; this path is the free {@code name.N.ext} chosen instead. */
        RENAMED,
        /** A BEP 47 padding file: never created, read as zeros. */
        PADDING
    }

    /** @throws NullPointerException if either component is null */
    public TargetFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(disposition, "disposition");
    }
}
