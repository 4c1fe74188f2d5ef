package dev.arietta;

/** Values of {@link Option#METALINK_PREFERRED_PROTOCOL}: the protocol whose Metalink mirrors come first. */
public enum MetalinkProtocol {
    /** Prefer http mirrors. */
    HTTP("http"),
    /** Prefer https mirrors. */
    HTTPS("https"),
    /** Prefer ftp mirrors. */
    FTP("ftp"),
    /** No preference (aria2's default). */
    NONE("none");

    private final String optionValue;

    MetalinkProtocol(String optionValue) {
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
