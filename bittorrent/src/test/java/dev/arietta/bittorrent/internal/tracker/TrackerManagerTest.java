package dev.arietta.bittorrent.internal.tracker;

import static dev.arietta.bittorrent.internal.tracker.TrackerTestData.INFO_HASH;
import static dev.arietta.bittorrent.internal.tracker.TrackerTestData.PEER_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.bittorrent.internal.tracker.FakeTrackerClient.Call;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** BEP 12 tier order, events, intervals and stopping, on fake timers and a fake tracker client. */
class TrackerManagerTest {

    private static final List<List<String>> TIERS = List.of(
            List.of("http://a1/announce", "udp://a2:80", "http://a3/announce"),
            List.of("http://b1/announce"));
    private static final InetSocketAddress PEER = new InetSocketAddress("10.0.0.9", 6881);

    private final FakeTimers timers = new FakeTimers();
    private final FakeTrackerClient client = new FakeTrackerClient();
    private final List<String> heard = new ArrayList<>();
    private TransferTotals totals = new TransferTotals(0, 0, 1000);

    /** Shuffle picks: j = 0 then 1 turns [a1, a2, a3] into [a3, a2, a1]; the key is 42. */
    private static RandomGenerator scriptedRandom() {
        int[] picks = {0, 1};
        int[] next = {0};
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new AssertionError("unexpected");
            }

            @Override
            public int nextInt() {
                return 42;
            }

            @Override
            public int nextInt(int bound) {
                return picks[next[0]++];
            }
        };
    }

    private TrackerManager manager(TrackerSettings settings) {
        return new TrackerManager(client, timers, new AnnounceTarget(INFO_HASH, PEER_ID, 6881, false), TIERS,
                () -> totals, new Announcer.Listener() {
                    @Override
                    public void onPeers(List<InetSocketAddress> peers, String trackerUrl) {
                        heard.add("peers " + peers.size() + " from " + trackerUrl);
                    }

                    @Override
                    public void onTrackerError(String trackerUrl, String message) {
                        heard.add("error " + trackerUrl + ": " + message);
                    }
                }, settings, scriptedRandom());
    }

    private TrackerManager started() {
        TrackerManager manager = manager(TrackerSettings.DEFAULT);
        manager.start();
        return manager;
    }

    private static AnnounceResponse response(int interval, Integer minInterval) {
        return new AnnounceResponse(OptionalInt.of(interval),
                minInterval == null ? OptionalInt.empty() : OptionalInt.of(minInterval), Optional.empty(), 1, 1,
                Optional.empty(), List.of(PEER));
    }

    private Call expectCall(String url, AnnounceEvent event) {
        Call call = client.pending();
        assertEquals(url, call.url);
        assertEquals(event, call.request.event(), () -> "event sent to " + url);
        return call;
    }

    @Test
    void shufflesEachTierWithTheInjectedGeneratorAndSendsTheKey() {
        TrackerManager manager = started();
        assertEquals(List.of(List.of("http://a3/announce", "udp://a2:80", "http://a1/announce"),
                List.of("http://b1/announce")), manager.tiers());
        Call first = expectCall("http://a3/announce", AnnounceEvent.STARTED);
        assertEquals(42, first.request.key());
        assertEquals(50, first.request.numwant());
        assertEquals(6881, first.request.port());
        assertEquals(totals, first.request.totals());
    }

    @Test
    void triesEachUrlOfATierThenTheNextTierAndMovesTheAnsweringUrlToTheFront() {
        TrackerManager manager = started();
        expectCall("http://a3/announce", AnnounceEvent.STARTED).fail("refused");
        expectCall("udp://a2:80", AnnounceEvent.STARTED).fail("timeout");
        expectCall("http://a1/announce", AnnounceEvent.STARTED).fail("reset");
        expectCall("http://b1/announce", AnnounceEvent.STARTED).succeed(response(1800, null));
        assertEquals(List.of("error http://a3/announce: refused", "error udp://a2:80: timeout",
                "error http://a1/announce: reset", "peers 1 from http://b1/announce"), heard);

        timers.advance(Duration.ofSeconds(1800));
        expectCall("http://a3/announce", AnnounceEvent.STARTED).fail("refused");
        expectCall("udp://a2:80", AnnounceEvent.STARTED).succeed(response(1800, null));
        assertEquals(List.of(List.of("udp://a2:80", "http://a3/announce", "http://a1/announce"),
                List.of("http://b1/announce")), manager.tiers());

        timers.advance(Duration.ofSeconds(1800));
        expectCall("udp://a2:80", AnnounceEvent.NONE);
    }

    @Test
    void roundsWhereEveryTrackerFailsAreRetriedWithDoublingDelays() {
        TrackerManager manager = manager(TrackerSettings.DEFAULT.withRetryDelay(Duration.ofSeconds(60),
                Duration.ofSeconds(200)));
        manager.start();
        for (int round = 0; round < 4; round++) {
            for (int i = 0; i < 4; i++) {
                client.pending().fail("down");
            }
            Duration expected = Duration.ofSeconds(new long[] {60, 120, 200, 200}[round]);
            assertEquals(expected, timers.nextDelay(), "delay after failed round " + (round + 1));
            timers.advance(expected);
        }
        expectCall("http://a3/announce", AnnounceEvent.STARTED);
    }

    @Test
    void followsIntervalAndMinIntervalAndNeedMorePeersHonoursTheMinimum() {
        TrackerManager manager = started();
        expectCall("http://a3/announce", AnnounceEvent.STARTED).succeed(response(1800, 900));
        assertEquals(Duration.ofSeconds(1800), timers.nextDelay());
        timers.advance(Duration.ofSeconds(100));
        manager.needMorePeers();
        assertEquals(Duration.ofSeconds(800), timers.nextDelay(), "900 s after the last announce");
        timers.advance(Duration.ofSeconds(800));
        expectCall("http://a3/announce", AnnounceEvent.NONE).succeed(response(30, null));
        assertEquals(Duration.ofSeconds(60), timers.nextDelay(), "interval below the 60 s floor");
        manager.needMorePeers();
        assertEquals(Duration.ofSeconds(60), timers.nextDelay());
    }

    @Test
    void intervalOverrideReplacesTheTrackersIntervals() {
        TrackerManager manager = manager(TrackerSettings.DEFAULT.withIntervalOverride(Duration.ofSeconds(300)));
        manager.start();
        expectCall("http://a3/announce", AnnounceEvent.STARTED).succeed(response(1800, 1200));
        assertEquals(Duration.ofSeconds(300), timers.nextDelay());
        manager.needMorePeers();
        assertEquals(Duration.ofSeconds(60), timers.nextDelay(), "min interval ignored, the floor kept");
    }

    @Test
    void completedIsSentAtOnceAndOnlyOnce() {
        TrackerManager manager = started();
        expectCall("http://a3/announce", AnnounceEvent.STARTED).succeed(response(1800, null));
        totals = new TransferTotals(5, 1000, 0);
        manager.completed();
        timers.runDue();
        Call completed = expectCall("http://a3/announce", AnnounceEvent.COMPLETED);
        assertEquals(0, completed.request.totals().left());
        completed.succeed(response(1800, null));
        manager.completed();
        timers.runDue();
        assertTrue(client.nonePending());
        timers.advance(Duration.ofSeconds(1800));
        expectCall("http://a3/announce", AnnounceEvent.NONE);
    }

    @Test
    void completionDuringTheStartedAnnounceFollowsItAtOnce() {
        TrackerManager manager = started();
        Call start = expectCall("http://a3/announce", AnnounceEvent.STARTED);
        manager.completed();
        assertEquals(1, client.calls.size(), "one request at a time");
        start.succeed(response(1800, null));
        timers.runDue();
        expectCall("http://a3/announce", AnnounceEvent.COMPLETED);
    }

    @Test
    void stopRightAfterCompletionSendsCompletedThenStopped() {
        TrackerManager manager = started();
        expectCall("http://a3/announce", AnnounceEvent.STARTED).succeed(response(1800, null));
        totals = new TransferTotals(0, 1000, 0);
        manager.completed();
        CompletableFuture<Void> stopped = manager.stop();
        timers.runDue();
        Call completed = expectCall("http://a3/announce", AnnounceEvent.COMPLETED);
        assertFalse(stopped.isDone());
        completed.succeed(response(1800, null));
        Call stop = expectCall("http://a3/announce", AnnounceEvent.STOPPED);
        assertFalse(stopped.isDone());
        stop.succeed(response(1800, null));
        assertTrue(stopped.isDone());
        assertTrue(client.nonePending());
    }

    @Test
    void echoesTheTrackerId() {
        started();
        expectCall("http://a3/announce", AnnounceEvent.STARTED).succeed(new AnnounceResponse(OptionalInt.of(60),
                OptionalInt.empty(), Optional.of("t-42"), 0, 0, Optional.empty(), List.of()));
        assertTrue(heard.isEmpty(), "no peers, nothing heard");
        timers.advance(Duration.ofSeconds(60));
        assertEquals(Optional.of("t-42"), client.pending().request.trackerId());
    }

    @Test
    void stopSendsStoppedToTrackersThatKnowUsAndWaitsForTheAnswer() {
        TrackerManager manager = started();
        expectCall("http://a3/announce", AnnounceEvent.STARTED).succeed(response(1800, null));
        CompletableFuture<Void> stopped = manager.stop();
        Call stop = expectCall("http://a3/announce", AnnounceEvent.STOPPED);
        assertEquals(0, stop.request.numwant());
        assertFalse(stopped.isDone());
        stop.succeed(response(1800, null));
        assertTrue(stopped.isDone());
        assertNull(timers.nextDelay(), "no timers left");
        manager.needMorePeers();
        manager.completed();
        timers.advance(Duration.ofHours(1));
        assertTrue(client.nonePending());
    }

    @Test
    void stopGivesUpAfterTheStopTimeout() {
        TrackerManager manager = started();
        expectCall("http://a3/announce", AnnounceEvent.STARTED).succeed(response(1800, null));
        CompletableFuture<Void> stopped = manager.stop();
        Call stop = expectCall("http://a3/announce", AnnounceEvent.STOPPED);
        timers.advance(Duration.ofMillis(4999));
        assertFalse(stopped.isDone());
        timers.advance(Duration.ofMillis(1));
        assertTrue(stopped.isDone());
        assertTrue(stop.cancelled);
    }

    @Test
    void stopBeforeAnyTrackerAnsweredCancelsTheRoundAndSendsNothing() {
        TrackerManager manager = started();
        Call start = expectCall("http://a3/announce", AnnounceEvent.STARTED);
        CompletableFuture<Void> stopped = manager.stop();
        assertTrue(stopped.isDone());
        assertTrue(start.cancelled);
        assertEquals(1, client.calls.size());
    }

    @Test
    void torrentWithoutTrackersNeverAnnounces() {
        TrackerManager manager = new TrackerManager(client, timers, new AnnounceTarget(INFO_HASH, PEER_ID, 6881, true),
                List.of(), () -> totals, new Announcer.Listener() {
                    @Override
                    public void onPeers(List<InetSocketAddress> peers, String trackerUrl) {
                        throw new AssertionError();
                    }

                    @Override
                    public void onTrackerError(String trackerUrl, String message) {
                        throw new AssertionError();
                    }
                }, TrackerSettings.DEFAULT, RandomGenerator.of("L64X128MixRandom"));
        manager.start();
        manager.needMorePeers();
        manager.completed();
        assertTrue(manager.stop().isDone());
        assertTrue(client.calls.isEmpty());
    }
}
