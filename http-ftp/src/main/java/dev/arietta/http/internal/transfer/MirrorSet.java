package dev.arietta.http.internal.transfer;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A transfer's mirrors and the rules for using them: which one a new connection goes to
 * ({@code max-connection-per-server} per host, in order or fastest first), how a failure
 * counts ({@code retry-wait}, {@code max-tries}, {@code max-file-not-found}), and when none
 * is left. Loop thread only.
 */
final class MirrorSet {

    /** Shortest wait before a failed mirror is tried again, even with {@code retry-wait} 0: 100 ms. */
    static final long MIN_RETRY_DELAY_NANOS = 100_000_000L;

    private final TransferSettings settings;
    private final List<SourceFetcher> fetchers;
    private final LongSupplier nanoClock;
    private final List<Mirror> mirrors = new ArrayList<>();
    private int notFoundCount;
    private FetchFailure lastFailure;

    MirrorSet(TransferSettings settings, List<URI> uris, List<SourceFetcher> fetchers, LongSupplier nanoClock) {
        this.settings = settings;
        this.fetchers = List.copyOf(fetchers);
        this.nanoClock = nanoClock;
        for (URI uri : uris) {
            mirrors.add(new Mirror(uri, nanoClock));
        }
    }

    /** The fetcher for {@code uri}'s scheme, or null when none supports it. */
    SourceFetcher fetcherFor(URI uri) {
        for (SourceFetcher fetcher : fetchers) {
            if (fetcher.supports(uri)) {
                return fetcher;
            }
        }
        return null;
    }

    /**
     * The mirror for a new connection: usable now, below the per-host limit, without an open
     * connection unless {@code reuse-uri}; the first in order, or with feedback the fastest
     * measured (untested ones count as speed 0, ties keep the order). Null when none qualifies
     * now.
     */
    Mirror pick() {
        long now = nanoClock.getAsLong();
        Mirror best = null;
        long bestSpeed = -1;
        for (Mirror mirror : mirrors) {
            if (mirror.dropped || mirror.retryNotBeforeNanos - now > 0 || fetcherFor(mirror.uri) == null
                    || !settings.reuseUri() && mirror.connections > 0
                    || hostConnections(mirror.hostKey) >= settings.maxConnectionsPerHost()) {
                continue;
            }
            if (!settings.preferFaster()) {
                return mirror;
            }
            long speed = mirror.speed.bytesPerSecond();
            if (speed > bestSpeed) {
                best = mirror;
                bestSpeed = speed;
            }
        }
        return best;
    }

    /**
     * The fastest measured mirror on another host than {@code other} that could take a connection now
     * (end-game), or null when none has a measured speed.
     */
    Mirror fastestOtherThan(Mirror other) {
        long now = nanoClock.getAsLong();
        Mirror best = null;
        long bestSpeed = 0;
        for (Mirror mirror : mirrors) {
            if (mirror.hostKey.equals(other.hostKey) || mirror.dropped || mirror.retryNotBeforeNanos - now > 0
                    || fetcherFor(mirror.uri) == null
                    || hostConnections(mirror.hostKey) >= settings.maxConnectionsPerHost()) {
                continue;
            }
            long speed = mirror.speed.bytesPerSecond();
            if (speed > bestSpeed) {
                best = mirror;
                bestSpeed = speed;
            }
        }
        return best;
    }

    /** Open connections to {@code hostKey} over every mirror on that host. */
    int hostConnections(String hostKey) {
        int count = 0;
        for (Mirror mirror : mirrors) {
            if (mirror.hostKey.equals(hostKey)) {
                count += mirror.connections;
            }
        }
        return count;
    }

    /** When the first mirror not dropped may be used (possibly now), or {@link Long#MAX_VALUE} when none is left. */
    long earliestUsable() {
        long earliest = Long.MAX_VALUE;
        for (Mirror mirror : mirrors) {
            if (!mirror.dropped && fetcherFor(mirror.uri) != null) {
                earliest = Math.min(earliest, mirror.retryNotBeforeNanos);
            }
        }
        return earliest;
    }

    /** When the first mirror waiting out its retry delay may be used again, or {@link Long#MAX_VALUE}. */
    long earliestRetry() {
        long now = nanoClock.getAsLong();
        long earliest = Long.MAX_VALUE;
        for (Mirror mirror : mirrors) {
            if (!mirror.dropped && mirror.retryNotBeforeNanos - now > 0) {
                earliest = Math.min(earliest, mirror.retryNotBeforeNanos);
            }
        }
        return earliest;
    }

    /**
     * Counts a failure against {@code mirror}: "not found", fatal and range failures drop it;
     * a retryable one makes it wait {@code retry-wait} (or the server's Retry-After, at least
     * {@link #MIN_RETRY_DELAY_NANOS}) and drops it after {@code max-tries}.
     *
     * @return whether {@code max-file-not-found} "not found" answers have now been seen
     */
    boolean recordFailure(Mirror mirror, FetchFailure failure) {
        lastFailure = failure;
        mirror.lastFailure = failure;
        switch (failure.kind()) {
            case NOT_FOUND -> {
                notFoundCount++;
                mirror.dropped = true;
                return settings.maxFileNotFound() > 0 && notFoundCount >= settings.maxFileNotFound();
            }
            case FATAL, RANGE_UNSUPPORTED -> mirror.dropped = true;
            case RETRYABLE -> {
                mirror.failures++;
                if (settings.maxTries() > 0 && mirror.failures >= settings.maxTries()) {
                    mirror.dropped = true;
                } else {
                    long delay = Math.max(Math.max(settings.retryWaitNanos(), failure.retryAfterMillis() * 1_000_000L),
                            MIN_RETRY_DELAY_NANOS);
                    mirror.retryNotBeforeNanos = nanoClock.getAsLong() + delay;
                }
            }
        }
        return false;
    }

    /** Marks {@code mirror} dropped because it cannot continue the bytes on disk. */
    void recordCannotResume(Mirror mirror, FetchFailure failure) {
        recordFailure(mirror, failure);
        mirror.dropped = true;
        mirror.cannotResume = true;
    }

    /** Whether some mirror was dropped because it could not resume. */
    boolean anyCannotResume() {
        for (Mirror mirror : mirrors) {
            if (mirror.cannotResume) {
                return true;
            }
        }
        return false;
    }

    /** Makes the mirrors that could not resume usable again (the download starts over from byte 0). */
    void reviveCannotResume() {
        for (Mirror mirror : mirrors) {
            if (mirror.cannotResume) {
                mirror.cannotResume = false;
                mirror.dropped = false;
                mirror.failures = 0;
                mirror.retryNotBeforeNanos = 0;
            }
        }
    }

    /** Settles every mirror's speed meter (called once a second). */
    void settleSpeeds() {
        for (Mirror mirror : mirrors) {
            mirror.speed.settle();
        }
    }

    /** The last failure of any mirror, or null. */
    FetchFailure lastFailure() {
        return lastFailure;
    }

    /** "Not found" answers so far. */
    int notFoundCount() {
        return notFoundCount;
    }

    void add(int index, URI uri) {
        mirrors.add(Math.max(0, Math.min(index, mirrors.size())), new Mirror(uri, nanoClock));
    }

    /** Removes (and drops) the first mirror with {@code uri}; returns whether there was one. */
    boolean remove(URI uri) {
        for (int i = 0; i < mirrors.size(); i++) {
            if (mirrors.get(i).uri.equals(uri)) {
                mirrors.remove(i).dropped = true;
                return true;
            }
        }
        return false;
    }

    List<MirrorSample> samples() {
        List<MirrorSample> samples = new ArrayList<>(mirrors.size());
        for (Mirror mirror : mirrors) {
            samples.add(new MirrorSample(mirror.uri, mirror.used, mirror.dropped));
        }
        return samples;
    }
}
