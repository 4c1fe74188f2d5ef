package dev.arietta.core.internal.storage;

import java.util.Locale;

/**
 * How {@link Storage#allocate()} reserves space for files before data arrives, named after
 * aria2's {@code --file-allocation} values. No mode ever shrinks a file or overwrites bytes
 * already in it: space is added from the current end of the file to its layout length.
 */
public enum AllocationMode {
    /** Create the (empty) file and nothing more; it grows as data is written. */
    NONE("none"),
    /**
     * Write zeros up to the full length, in chunks of {@link Storage#ALLOCATION_CHUNK_BYTES},
     * so the blocks are really allocated and a full disk shows up before the download
     * (aria2's default). Slow for large files.
     */
    PREALLOC("prealloc"),
    /**
     * Set the length without allocating blocks: the file becomes sparse. Done by writing one
     * zero byte at the last position, which has the effect of {@code ftruncate}-extension
     * (the JDK's {@code FileChannel} cannot extend by {@code truncate}).
     */
    TRUNC("trunc"),
    /**
     * aria2 calls {@code posix_fallocate}; the JDK offers no such call, and
     * {@code RandomAccessFile.setLength} only makes sparse files. So this mode honestly falls
     * back to {@link #PREALLOC}'s zero writing, which has the same result (blocks allocated,
     * full disk detected early) at the cost of writing the zeros.
     */
    FALLOC("falloc");

    private final String optionValue;

    AllocationMode(String optionValue) {
        this.optionValue = optionValue;
    }

    /** The aria2 option value: {@code none}, {@code prealloc}, {@code trunc} or {@code falloc}. */
    public String optionValue() {
        return optionValue;
    }

    /**
     * The mode for an aria2 {@code --file-allocation} value, case-insensitive.
     *
     * @throws IllegalArgumentException if the value names no mode
     */
    public static AllocationMode fromOptionValue(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        for (AllocationMode mode : values()) {
            if (mode.optionValue.equals(lower)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("file-allocation must be none, prealloc, trunc or falloc, got \""
                + value + "\"");
    }
}
