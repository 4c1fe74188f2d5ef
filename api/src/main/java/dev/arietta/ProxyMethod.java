package dev.arietta;

/** Values of {@link Option#PROXY_METHOD}: how plain HTTP and FTP requests go through an HTTP proxy. */
public enum ProxyMethod {
    /** Send the request with an absolute URI to the proxy (aria2's default). */
    GET("get"),
    /** Open a tunnel with {@code CONNECT} and speak to the server through it. */
    TUNNEL("tunnel");

    private final String optionValue;

    ProxyMethod(String optionValue) {
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
