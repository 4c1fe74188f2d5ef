package dev.arietta.internal.engine;

import dev.arietta.DownloadListener;
import dev.arietta.Options;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * What an {@link Engine} is built from; the session owns (and shuts down) the executors.
 *
 * @param globalOptions          the session's options
 * @param listeners              event listeners, called in order
 * @param callbackExecutor       runs listener calls and completes completion futures
 * @param diskExecutor           runs file work
 * @param hashExecutor           runs hashing: whole-file checksums, Metalink and BitTorrent piece checks
 * @param nanoClock              monotonic clock in nanoseconds
 * @param random                 gids and the downloads' random choices (access is synchronized on it)
 * @param progressIntervalNanos  interval of PROGRESS events, 0 for none
 * @param speedCheckGraceNanos   how long a download is exempt from {@code lowest-speed-limit}
 */
public record EngineConfig(Options globalOptions, List<DownloadListener> listeners, Executor callbackExecutor,
                           Executor diskExecutor, Executor hashExecutor, LongSupplier nanoClock,
                           RandomGenerator random, long progressIntervalNanos, long speedCheckGraceNanos) {

    public EngineConfig {
        Objects.requireNonNull(globalOptions, "globalOptions");
        listeners = List.copyOf(listeners);
        Objects.requireNonNull(callbackExecutor, "callbackExecutor");
        Objects.requireNonNull(diskExecutor, "diskExecutor");
        Objects.requireNonNull(hashExecutor, "hashExecutor");
        Objects.requireNonNull(nanoClock, "nanoClock");
        Objects.requireNonNull(random, "random");
    }
}
