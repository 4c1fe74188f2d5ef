package dev.arietta;

/**
 * What {@link Session#changeUri} did, as aria2's {@code changeUri} result. Immutable.
 *
 * @param deleted URIs removed
 * @param added   URIs added
 */
public record UriChange(int deleted, int added) {
}
