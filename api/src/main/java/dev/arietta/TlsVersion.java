package dev.arietta;

/** Values of {@link Option#MIN_TLS_VERSION}: the oldest TLS version a connection may use. */
public enum TlsVersion {
    /** TLS 1.1; deprecated by RFC 8996, accepted only when asked for. */
    TLS_1_1("TLSv1.1"),
    /** TLS 1.2 (aria2's default minimum). */
    TLS_1_2("TLSv1.2"),
    /** TLS 1.3. */
    TLS_1_3("TLSv1.3");

    private final String optionValue;

    TlsVersion(String optionValue) {
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
