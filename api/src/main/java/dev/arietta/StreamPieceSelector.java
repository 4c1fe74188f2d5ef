package dev.arietta;

/**
 * Values of {@link Option#STREAM_PIECE_SELECTOR}: which segment of an HTTP/FTP download a new
 * connection takes. All honour {@link Option#MIN_SPLIT_SIZE}.
 */
public enum StreamPieceSelector {
    /** Segments that keep the number of new connections low (aria2's default). */
    DEFAULT("default"),
    /** The lowest-offset free segment first: good for playing a file while it downloads. */
    INORDER("inorder"),
    /** A random free segment. */
    RANDOM("random"),
    /** Lowest offset first at the start, then exponentially growing gaps: early data soon, few connections. */
    GEOM("geom");

    private final String optionValue;

    StreamPieceSelector(String optionValue) {
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
