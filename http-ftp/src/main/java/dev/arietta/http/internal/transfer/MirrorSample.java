package dev.arietta.http.internal.transfer;

import java.net.URI;

/**
 * One mirror of a transfer, for status reports. Immutable.
 *
 * @param uri     the mirror URI
 * @param used    whether a connection has been made to it
 * @param dropped whether it was given up (not found, too many failures, fatal error)
 */
public record MirrorSample(URI uri, boolean used, boolean dropped) {
}
