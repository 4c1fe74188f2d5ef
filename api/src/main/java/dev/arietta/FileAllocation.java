package dev.arietta;

/**
 * Values of {@link Option#FILE_ALLOCATION}: how space for a file is reserved before data
 * arrives. No mode shrinks a file or overwrites bytes already in it.
 */
public enum FileAllocation {
    /** Create the file and let it grow as data is written. */
    NONE("none"),
    /** Write zeros up to the full length first, so a full disk shows up before the download (aria2's default). */
    PREALLOC("prealloc"),
    /** Set the length without allocating blocks: a sparse file. */
    TRUNC("trunc"),
    /**
     * aria2 calls {@code posix_fallocate}; the JDK has no such call, so this writes zeros like
     * {@link #PREALLOC}, with the same result.
     */
    FALLOC("falloc");

    private final String optionValue;

    FileAllocation(String optionValue) {
        this.optionValue = optionValue;
    }

    /** The word aria2 uses for this value on the command line and in session files. */
    public String optionValue() {
        return optionValue;
    }

    /** The aria2 word. */
    @Override
    public String toString() {
        return optionValue;
    }
}
