package dev.arietta.metalink.internal;

/** The namespaces of the two Metalink formats. */
public final class Namespaces {

    /** Metalink 4, RFC 5854. */
    public static final String METALINK4 = "urn:ietf:params:xml:ns:metalink";
    /** Metalink 3.0, metalinker.org. */
    public static final String METALINK3 = "http://www.metalinker.org/";

    private Namespaces() {
    }
}
