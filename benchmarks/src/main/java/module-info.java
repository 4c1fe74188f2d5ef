/**
 * JMH benchmarks of Arietta's hot paths. Packages mirror the main modules
 * ({@code bencode}, {@code core.picker}, …). Run from the shaded jar:
 * {@code java -jar benchmarks/target/benchmarks.jar}.
 */
open module dev.arietta.benchmarks {
    requires dev.arietta.bencode;
    requires dev.arietta.core;
    requires dev.arietta.metalink;
    requires dev.arietta.httpftp;
    requires dev.arietta.bittorrent;
    requires dev.arietta.api;
    requires java.management;
    requires jdk.management;
    requires jmh.core;
    requires bencode;
}
