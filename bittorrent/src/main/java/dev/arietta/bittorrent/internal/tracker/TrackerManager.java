package dev.arietta.bittorrent.internal.tracker;

import dev.arietta.core.internal.loop.Cancellable;
import dev.arietta.core.internal.loop.TimerScheduler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One torrent's {@link Announcer} over BEP 12 tiers.
 *
 * <p>Tiers: each tier's URLs are shuffled once (with the injected generator). An announce
 * round tries the first URL of the first tier, then the next URL of that tier, then the next
 * tier, until one tracker answers; that URL moves to the front of its tier, so the next round
 * starts with it. One round runs at a time; a round in which every tracker fails is retried
 * after {@link TrackerSettings#retryDelay()}, doubling up to {@link TrackerSettings#maxRetryDelay()}.
 *
 * <p>Events: a tracker that has not yet acknowledged {@code started} gets {@code started}
 * (so a tracker reached after a failover learns of us properly); after {@link #completed()}
 * the next tracker that knows us gets {@code completed}, once in all; {@link #stop()} sends
 * {@code stopped} to every tracker that acknowledged {@code started}, with {@code numwant=0},
 * and completes when they answered or after {@link TrackerSettings#stopTimeout()}.
 *
 * <p>Timing: the next round follows the tracker's {@code interval} (or
 * {@link TrackerSettings#defaultInterval()}), never sooner than its {@code min interval} nor
 * {@link TrackerSettings#minimumInterval()}; {@link TrackerSettings#intervalOverride()}
 * (aria2 {@code bt-tracker-interval}) replaces both when set. {@link #needMorePeers()} brings
 * the round forward to the earliest time the minimum interval allows; {@link #completed()}
 * announces at once.
 *
 * <p>Loop thread only: every method, and the callbacks of the {@link TrackerClient} and the
 * timers, run on the session's loop.
 */
public final class TrackerManager implements Announcer {

    private static final Logger LOG = LoggerFactory.getLogger(TrackerManager.class);

    private final TrackerClient client;
    private final TimerScheduler timers;
    private final AnnounceTarget target;
    private final List<List<String>> tiers;
    private final Supplier<TransferTotals> totals;
    private final Listener listener;
    private final TrackerSettings settings;
    private final int key;
    private final Set<String> startedTrackers = new HashSet<>();
    private final Map<String, String> trackerIds = new HashMap<>();

    private boolean running;
    private boolean stopping;
    private boolean completedPending;
    private boolean completedSent;
    /** Another round is wanted as soon as the one in flight ends. */
    private boolean roundAgain;
    private int tierIndex;
    private int urlIndex;
    private Cancellable inFlight;
    private Cancellable nextRound;
    private long nextRoundNanos;
    private long lastAnnounceNanos;
    private boolean announcedOnce;
    private long minIntervalNanos;
    private int failedRounds;

    /**
     * @param client   sends the requests (usually a {@link DefaultTrackerClient})
     * @param timers   the session's loop
     * @param target   the torrent, our peer id and port
     * @param tiers    BEP 12 tiers, after {@link TrackerOptions#apply}; may be empty (no trackers)
     * @param totals   our transfer totals, read at each announce
     * @param listener receives peers and tracker errors
     * @param settings timing and limits
     * @param random   shuffles the tiers and makes our announce key
     */
    public TrackerManager(TrackerClient client, TimerScheduler timers, AnnounceTarget target,
            List<List<String>> tiers, Supplier<TransferTotals> totals, Listener listener, TrackerSettings settings,
            RandomGenerator random) {
        this.client = Objects.requireNonNull(client, "client");
        this.timers = Objects.requireNonNull(timers, "timers");
        this.target = Objects.requireNonNull(target, "target");
        this.totals = Objects.requireNonNull(totals, "totals");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tiers = new ArrayList<>();
        for (List<String> tier : tiers) {
            if (!tier.isEmpty()) {
                List<String> shuffled = new ArrayList<>(tier);
                shuffle(shuffled, random);
                this.tiers.add(shuffled);
            }
        }
        this.key = random.nextInt();
    }

    /** The tiers in their current order (shuffled, answering trackers moved to the front); a copy. */
    public List<List<String>> tiers() {
        return tiers.stream().map(List::copyOf).toList();
    }

    @Override
    public void start() {
        if (running || stopping) {
            return;
        }
        running = true;
        announceNow();
    }

    @Override
    public void completed() {
        if (completedPending || completedSent || stopping) {
            return;
        }
        completedPending = true;
        if (running && !startedTrackers.isEmpty()) {
            announceNow();
        }
    }

    @Override
    public void needMorePeers() {
        if (!running || stopping || inFlight != null || !announcedOnce) {
            return;
        }
        long earliest = lastAnnounceNanos + minIntervalNanos;
        if (nextRound == null || earliest - nextRoundNanos < 0) {
            scheduleRound(Math.max(0, earliest - timers.nanoTime()));
        }
    }

    @Override
    public CompletableFuture<Void> stop() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (stopping) {
            done.complete(null);
            return done;
        }
        abandon();
        List<String> known = new ArrayList<>();
        for (List<String> tier : tiers) {
            for (String url : tier) {
                if (startedTrackers.contains(url)) {
                    known.add(url);
                }
            }
        }
        if (known.isEmpty()) {
            done.complete(null);
            return done;
        }
        List<Cancellable> requests = new ArrayList<>();
        Cancellable deadline = timers.schedule(settings.stopTimeout().toNanos(), () -> {
            requests.forEach(Cancellable::cancel);
            done.complete(null);
        });
        Runnable goodbye = () -> announceToAll(known, AnnounceEvent.STOPPED, requests, () -> {
            deadline.cancel();
            done.complete(null);
        });
        if (completedPending) {
            // Finished and stopped at once (seed-time 0): the trackers still hear completed first, as
            // they count completed downloads from it; both announces share the stop timeout.
            completedPending = false;
            completedSent = true;
            announceToAll(known, AnnounceEvent.COMPLETED, requests, goodbye);
        } else {
            goodbye.run();
        }
        return done;
    }

    /** Announces {@code event} to every URL at once; {@code whenAllAnswered} runs after the last answer or failure. */
    private void announceToAll(List<String> urls, AnnounceEvent event, List<Cancellable> requests,
                               Runnable whenAllAnswered) {
        int[] remaining = {urls.size()};
        for (String url : urls) {
            AnnounceRequest request = request(url, event, 0);
            requests.add(client.announce(url, request, new TrackerCallback<>() {
                @Override
                public void onSuccess(AnnounceResponse result) {
                    answered();
                }

                @Override
                public void onFailure(TrackerException failure) {
                    LOG.debug("{} announce failed", event, failure);
                    answered();
                }

                private void answered() {
                    if (--remaining[0] == 0) {
                        whenAllAnswered.run();
                    }
                }
            }));
        }
    }

    /**
     * Ends announcing without telling the trackers (a forced stop): timers and the request in
     * flight are cancelled, and later calls do nothing. Idempotent.
     */
    public void abandon() {
        stopping = true;
        running = false;
        cancelTimer();
        if (inFlight != null) {
            inFlight.cancel();
            inFlight = null;
        }
    }

    private void announceNow() {
        if (inFlight != null) {
            roundAgain = true;
            return;
        }
        cancelTimer();
        beginRound();
    }

    private void beginRound() {
        if (!running || tiers.isEmpty()) {
            return;
        }
        tierIndex = 0;
        urlIndex = 0;
        tryCurrent();
    }

    private void tryCurrent() {
        String url = tiers.get(tierIndex).get(urlIndex);
        AnnounceEvent event = eventFor(url);
        AnnounceRequest request = request(url, event, settings.numwant());
        int tier = tierIndex;
        int index = urlIndex;
        inFlight = client.announce(url, request, new TrackerCallback<>() {
            @Override
            public void onSuccess(AnnounceResponse response) {
                inFlight = null;
                succeeded(url, tier, index, event, response);
            }

            @Override
            public void onFailure(TrackerException failure) {
                inFlight = null;
                failed(url, failure);
            }
        });
    }

    private AnnounceEvent eventFor(String url) {
        if (!startedTrackers.contains(url)) {
            return AnnounceEvent.STARTED;
        }
        return completedPending ? AnnounceEvent.COMPLETED : AnnounceEvent.NONE;
    }

    private AnnounceRequest request(String url, AnnounceEvent event, int numwant) {
        return new AnnounceRequest(target.infoHash(), target.peerId(), target.port(), totals.get(), event, numwant,
                key, Optional.ofNullable(trackerIds.get(url)));
    }

    private void succeeded(String url, int tier, int index, AnnounceEvent event, AnnounceResponse response) {
        List<String> urls = tiers.get(tier);
        urls.remove(index);
        urls.add(0, url);
        if (event == AnnounceEvent.STARTED) {
            startedTrackers.add(url);
        } else if (event == AnnounceEvent.COMPLETED) {
            completedPending = false;
            completedSent = true;
        }
        response.trackerId().ifPresent(id -> trackerIds.put(url, id));
        response.warning().ifPresent(warning -> LOG.info("tracker {} warns: {}", TrackerException.mask(url), warning));
        failedRounds = 0;
        announcedOnce = true;
        lastAnnounceNanos = timers.nanoTime();
        long floor = settings.minimumInterval().toNanos();
        long trackerMin = response.minIntervalSeconds().isPresent()
                ? response.minIntervalSeconds().getAsInt() * 1_000_000_000L : 0;
        long interval;
        if (!settings.intervalOverride().isZero()) {
            interval = settings.intervalOverride().toNanos();
            minIntervalNanos = Math.min(floor, interval);
        } else {
            minIntervalNanos = Math.max(floor, trackerMin);
            long asked = response.intervalSeconds().isPresent()
                    ? response.intervalSeconds().getAsInt() * 1_000_000_000L : settings.defaultInterval().toNanos();
            interval = Math.max(asked, minIntervalNanos);
        }
        if (!response.peers().isEmpty()) {
            listener.onPeers(response.peers(), url);
        }
        if (!running) {
            return;
        }
        if (roundAgain || (completedPending && startedTrackers.contains(url))) {
            roundAgain = false;
            scheduleRound(0);
        } else {
            scheduleRound(interval);
        }
    }

    private void failed(String url, TrackerException failure) {
        listener.onTrackerError(url, failure.reason());
        if (!running) {
            return;
        }
        urlIndex++;
        if (urlIndex >= tiers.get(tierIndex).size()) {
            tierIndex++;
            urlIndex = 0;
        }
        if (tierIndex < tiers.size()) {
            tryCurrent();
            return;
        }
        failedRounds++;
        long delay = settings.retryDelay().toNanos() << Math.min(failedRounds - 1, 20);
        if (delay <= 0 || delay > settings.maxRetryDelay().toNanos()) {
            delay = settings.maxRetryDelay().toNanos();
        }
        roundAgain = false;
        scheduleRound(delay);
    }

    private void scheduleRound(long delayNanos) {
        cancelTimer();
        nextRoundNanos = timers.nanoTime() + delayNanos;
        nextRound = timers.schedule(delayNanos, () -> {
            nextRound = null;
            if (inFlight == null) {
                beginRound();
            }
        });
    }

    private void cancelTimer() {
        if (nextRound != null) {
            nextRound.cancel();
            nextRound = null;
        }
    }

    private static void shuffle(List<String> list, RandomGenerator random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String swap = list.get(i);
            list.set(i, list.get(j));
            list.set(j, swap);
        }
    }
}
