/**
 * Short programs showing how to embed a {@code Session} and create a torrent
 * ({@code dev.arietta.examples}), and the
 * {@code arietta} command-line downloader with aria2c-compatible flags
 * ({@code dev.arietta.examples.cli}, an application package: not exported).
 */
module dev.arietta.examples {
    requires transitive dev.arietta.api;
    requires transitive dev.arietta.bittorrent;
    requires jdk.httpserver;

    exports dev.arietta.examples;
}
