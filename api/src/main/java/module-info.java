/**
 * Arietta's public face: {@code Session}, {@code DownloadHandle}, events, options and status
 * records in package {@code dev.arietta}. Everything else is internal.
 */
module dev.arietta.api {
    requires transitive dev.arietta.core;
    requires dev.arietta.httpftp;
    requires org.slf4j;
}
