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
    requires org.slf4j;

    exports dev.arietta.examples;

    // The command's log file ("log", "log-level") through slf4j, without another logging library.
    provides org.slf4j.spi.SLF4JServiceProvider with dev.arietta.examples.cli.log.LogFileProvider;
}
