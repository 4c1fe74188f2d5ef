package dev.arietta;

import java.util.Objects;

/**
 * One URI of a download, as aria2's {@code getUris}. Immutable.
 *
 * @param uri  the URI as given
 * @param used whether a connection has been made to it ({@code "used"}), else {@code "waiting"}
 */
public record UriStatus(String uri, boolean used) {

    public UriStatus {
        Objects.requireNonNull(uri, "uri");
    }
}
