package dev.arietta;

/** Values of {@link Option#FTP_TYPE}: the FTP transfer type. */
public enum FtpType {
    /** Image type ({@code TYPE I}): bytes as stored (aria2's default). */
    BINARY("binary"),
    /** ASCII type ({@code TYPE A}): the server may convert line endings. */
    ASCII("ascii");

    private final String optionValue;

    FtpType(String optionValue) {
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
