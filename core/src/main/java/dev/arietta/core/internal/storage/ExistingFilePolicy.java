package dev.arietta.core.internal.storage;

import dev.arietta.core.ErrorCode;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;

/**
 * Decides what happens when a download's target file already exists, before {@link Storage}
 * opens it, following aria2's {@code --allow-overwrite} and {@code --auto-file-renaming}:
 * <ol>
 *   <li>no file at the path: {@link TargetFile.Disposition#CREATE};</li>
 *   <li>resume state present: {@link TargetFile.Disposition#CONTINUE} (the content is ours);</li>
 *   <li>overwriting allowed: {@link TargetFile.Disposition#OVERWRITE} (truncated on first open);</li>
 *   <li>auto-renaming on: the first free name among {@code name.1.ext}, {@code name.2.ext}, …
 *       up to {@link #maxRenameAttempts()}, as {@link TargetFile.Disposition#RENAMED}, else
 *       {@link ErrorCode#FILE_RENAMING_FAILED};</li>
 *   <li>otherwise {@link ErrorCode#FILE_ALREADY_EXISTS}: existing data is never destroyed silently.</li>
 * </ol>
 * Anything at the path counts as existing, including a directory or a dangling symbolic link.
 * The extension is what follows the last dot, unless the name starts with its only dot
 * ({@code .profile} becomes {@code .profile.1}). A renamed name that would exceed
 * {@link #maxElementBytes()} has its stem shortened so the counter survives. Unlike aria2, a
 * renamed candidate is taken only when free (aria2 also reuses one that has a control file;
 * resume state lookup is the engine's business).
 *
 * <p>The check is a point-in-time look at the disk: two downloads deciding at the same moment
 * can pick the same free name; the engine's duplicate-download check covers that.
 *
 * <p>Immutable and thread-safe.
 */
public final class ExistingFilePolicy {

    /** Default of {@link #maxRenameAttempts()}: 9999, like aria2. */
    public static final int DEFAULT_MAX_RENAME_ATTEMPTS = 9999;

    private final boolean allowOverwrite;
    private final boolean autoRename;
    private final int maxRenameAttempts;
    private final int maxElementBytes;

    private ExistingFilePolicy(Builder builder) {
        this.allowOverwrite = builder.allowOverwrite;
        this.autoRename = builder.autoRename;
        this.maxRenameAttempts = builder.maxRenameAttempts;
        this.maxElementBytes = builder.maxElementBytes;
    }

    /** aria2's defaults: no overwriting, auto-renaming on, {@value #DEFAULT_MAX_RENAME_ATTEMPTS} attempts. */
    public static ExistingFilePolicy defaults() {
        return builder().build();
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether an existing file without resume state may be truncated; default false. */
    public boolean allowOverwrite() {
        return allowOverwrite;
    }

    /** Whether to pick {@code name.N.ext} when the name is taken; default true. */
    public boolean autoRename() {
        return autoRename;
    }

    /** Highest counter tried when renaming; default {@value #DEFAULT_MAX_RENAME_ATTEMPTS}. */
    public int maxRenameAttempts() {
        return maxRenameAttempts;
    }

    /** Longest renamed name in UTF-8 bytes; default {@value PathSanitizer#DEFAULT_MAX_ELEMENT_BYTES}. */
    public int maxElementBytes() {
        return maxElementBytes;
    }

    /** {@link #decide(Path, boolean, Set)} with no reserved paths. */
    public TargetFile decide(Path path, boolean resumeStatePresent) throws StorageException {
        return decide(path, resumeStatePresent, Set.of());
    }

    /**
     * Decides the final path and disposition for one file.
     *
     * @param path               the sanitized, contained target path
     * @param resumeStatePresent whether resume state for this download exists
     * @param reserved           paths already taken by other files of the same download; a
     *                           renamed candidate must avoid them too
     * @throws StorageException with {@link ErrorCode#FILE_ALREADY_EXISTS} when the file exists
     *                          and neither overwriting nor renaming is allowed, or
     *                          {@link ErrorCode#FILE_RENAMING_FAILED} when every counter is taken
     */
    public TargetFile decide(Path path, boolean resumeStatePresent, Set<Path> reserved) throws StorageException {
        if (!exists(path)) {
            return new TargetFile(path, TargetFile.Disposition.CREATE);
        }
        if (resumeStatePresent) {
            return new TargetFile(path, TargetFile.Disposition.CONTINUE);
        }
        if (allowOverwrite) {
            return new TargetFile(path, TargetFile.Disposition.OVERWRITE);
        }
        if (!autoRename) {
            throw new StorageException(ErrorCode.FILE_ALREADY_EXISTS, path,
                    "file exists without resume state and neither overwriting nor renaming is allowed", null);
        }
        for (int counter = 1; counter <= maxRenameAttempts; counter++) {
            Path candidate = renamed(path, counter);
            if (!reserved.contains(candidate) && !exists(candidate)) {
                return new TargetFile(candidate, TargetFile.Disposition.RENAMED);
            }
        }
        throw new StorageException(ErrorCode.FILE_RENAMING_FAILED, path,
                "no free name after " + maxRenameAttempts + " renaming attempts", null);
    }

    /** {@code name.ext} with counter {@code n} inserted before the extension: {@code name.n.ext}. */
    Path renamed(Path path, int counter) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = name;
        String extension = "";
        if (dot > 0 && PathSanitizer.utf8Length(name.substring(dot)) <= PathSanitizer.MAX_KEPT_EXTENSION_BYTES) {
            stem = name.substring(0, dot);
            extension = name.substring(dot);
        }
        String suffix = "." + counter + extension;
        int room = maxElementBytes - PathSanitizer.utf8Length(suffix);
        if (PathSanitizer.utf8Length(stem) > room) {
            stem = PathSanitizer.truncateToBytes(stem, room);
        }
        return path.resolveSibling(stem + suffix);
    }

    private static boolean exists(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    /** Builds an {@link ExistingFilePolicy}; starts from aria2's defaults. Not thread-safe. */
    public static final class Builder {
        private boolean allowOverwrite;
        private boolean autoRename = true;
        private int maxRenameAttempts = DEFAULT_MAX_RENAME_ATTEMPTS;
        private int maxElementBytes = PathSanitizer.DEFAULT_MAX_ELEMENT_BYTES;

        private Builder() {
        }

        /** aria2 {@code --allow-overwrite}; default false. Takes precedence over renaming, as in aria2. */
        public Builder allowOverwrite(boolean allow) {
            this.allowOverwrite = allow;
            return this;
        }

        /** aria2 {@code --auto-file-renaming}; default true. */
        public Builder autoRename(boolean rename) {
            this.autoRename = rename;
            return this;
        }

        /**
         * Highest counter tried; default {@value #DEFAULT_MAX_RENAME_ATTEMPTS}.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxRenameAttempts(int attempts) {
            if (attempts <= 0) {
                throw new IllegalArgumentException("maxRenameAttempts must be positive, got " + attempts);
            }
            this.maxRenameAttempts = attempts;
            return this;
        }

        /**
         * Longest renamed name in UTF-8 bytes; default
         * {@value PathSanitizer#DEFAULT_MAX_ELEMENT_BYTES}. Keep it equal to the
         * {@link PathSanitizer}'s.
         *
         * @throws IllegalArgumentException if below 40
         */
        public Builder maxElementBytes(int bytes) {
            if (bytes < PathSanitizer.MAX_KEPT_EXTENSION_BYTES + 8) {
                throw new IllegalArgumentException("maxElementBytes must be at least "
                        + (PathSanitizer.MAX_KEPT_EXTENSION_BYTES + 8) + ", got " + bytes);
            }
            this.maxElementBytes = bytes;
            return this;
        }

        /** The policy. */
        public ExistingFilePolicy build() {
            return new ExistingFilePolicy(this);
        }
    }
}
