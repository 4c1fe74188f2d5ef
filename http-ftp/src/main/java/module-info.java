/**
 * Arietta's HTTP/1.1 (+TLS) and FTP clients, driven by the session's NIO event loop.
 * Public types live in {@code dev.arietta.http} and {@code dev.arietta.ftp}; the protocol
 * machinery lives in {@code ...internal} packages exported only to Arietta's own modules.
 */
module dev.arietta.httpftp {
    requires transitive dev.arietta.core;
    requires org.slf4j;

    exports dev.arietta.http;
    exports dev.arietta.ftp;

    // Internal packages, one line each, exported only to Arietta's own modules.
    exports dev.arietta.http.internal to dev.arietta.benchmarks, dev.arietta.api, dev.arietta.bittorrent;
    exports dev.arietta.http.internal.cookie to dev.arietta.benchmarks, dev.arietta.api;
    exports dev.arietta.http.internal.netrc to dev.arietta.benchmarks, dev.arietta.api, dev.arietta.bittorrent;
    exports dev.arietta.http.internal.disposition to dev.arietta.benchmarks;
    exports dev.arietta.http.internal.proxy to dev.arietta.benchmarks, dev.arietta.api, dev.arietta.bittorrent;
    exports dev.arietta.ftp.internal to dev.arietta.benchmarks, dev.arietta.api, dev.arietta.bittorrent;
    exports dev.arietta.http.internal.transfer to dev.arietta.api, dev.arietta.bittorrent;
}
