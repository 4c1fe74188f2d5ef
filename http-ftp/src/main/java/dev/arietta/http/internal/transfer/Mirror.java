package dev.arietta.http.internal.transfer;

import java.net.URI;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * One source URI of a transfer and what the transfer learned about it: connections open,
 * failures, "not found" answers, speed, whether it was dropped. Loop thread only.
 */
final class Mirror {

    final URI uri;
    final String hostKey;
    final SpeedMeter speed;
    int connections;
    int failures;
    /** Ranges it supplied that failed verification. */
    int badRanges;
    boolean dropped;
    /** Dropped because it could not continue the bytes on disk (aria2's "cannot resume"). */
    boolean cannotResume;
    boolean used;
    long retryNotBeforeNanos;
    FetchFailure lastFailure;

    Mirror(URI uri, LongSupplier nanoClock) {
        this.uri = uri;
        this.hostKey = hostKey(uri);
        this.speed = new SpeedMeter(nanoClock);
    }

    /** Scheme, host and port: connections to one server are counted under this key. */
    static String hostKey(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return (uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT)) + "://" + host + ":"
                + uri.getPort();
    }
}
