package dev.arietta;

import java.util.Objects;

/**
 * One open connection of a download, as aria2's {@code getServers}. Immutable.
 *
 * @param fileIndex      1-based index of the file it downloads
 * @param uri            the URI it was opened for
 * @param currentUri     the URI in use now (after redirects; equal to {@code uri} when none)
 * @param downloadSpeed  its recent speed in bytes per second
 */
public record ServerStatus(int fileIndex, String uri, String currentUri, long downloadSpeed) {

    public ServerStatus {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(currentUri, "currentUri");
    }
}
