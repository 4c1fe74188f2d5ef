/**
 * Arietta's public face: {@code Session}, {@code DownloadHandle}, events, options and status
 * records in package {@code dev.arietta}. Everything else is internal.
 */
module dev.arietta.api {
    requires transitive dev.arietta.core;
    requires dev.arietta.httpftp;
    requires transitive dev.arietta.bittorrent;
    requires transitive dev.arietta.metalink;
    requires org.slf4j;

    exports dev.arietta;

    // Internal packages, one line each, exported only to Arietta's own modules.
    exports dev.arietta.internal.options to dev.arietta.examples;
}
