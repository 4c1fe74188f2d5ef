package dev.arietta.http.internal.transfer;

import java.net.URI;

/**
 * One open connection of a transfer, for status reports. Immutable.
 *
 * @param uri            the mirror URI it fetches from
 * @param bytesPerSecond its recent download speed
 */
public record ServerSample(URI uri, long bytesPerSecond) {
}
