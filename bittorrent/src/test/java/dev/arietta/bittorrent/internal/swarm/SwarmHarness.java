package dev.arietta.bittorrent.internal.swarm;

import dev.arietta.bittorrent.internal.wire.LoopFixture;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import dev.arietta.core.internal.hash.HashExecutors;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Swarms of our own on one event loop, with a single-thread disk executor and a two-thread
 * hash executor, listening on 127.0.0.1 ports the system picks.
 */
final class SwarmHarness implements AutoCloseable {

    final LoopFixture fixture;
    final ExecutorService disk = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "test-disk");
        thread.setDaemon(true);
        return thread;
    });
    final ExecutorService hash = HashExecutors.newHashExecutor("test-hash", 2);
    private final List<BitTorrentContext> contexts = new ArrayList<>();
    private final List<Swarm> swarms = new ArrayList<>();
    private long seed = 1;

    private SwarmHarness(LoopFixture fixture) {
        this.fixture = fixture;
    }

    /** Timers run by themselves on the system clock. */
    static SwarmHarness realTime() throws IOException {
        return new SwarmHarness(LoopFixture.realTime());
    }

    /** Timers run only when the test advances the clock. */
    static SwarmHarness drivenClock() throws IOException {
        return new SwarmHarness(new LoopFixture());
    }

    /** A new session's BitTorrent side on 127.0.0.1. */
    BitTorrentContext context() throws Exception {
        return context(UnaryOperator.identity());
    }

    /** A new session's BitTorrent side on 127.0.0.1, with builder settings of the test's own. */
    BitTorrentContext context(UnaryOperator<BitTorrentContext.Builder> custom) throws Exception {
        long contextSeed = seed++;
        BitTorrentContext context = fixture.call(() -> custom.apply(BitTorrentContext.builder(fixture.loop, disk, hash)
                .listenPorts(0, 0).bindAddress(InetAddress.getLoopbackAddress())
                .random(new SplittableRandom(contextSeed))).open());
        contexts.add(context);
        return context;
    }

    Swarm add(BitTorrentContext context, TorrentMetainfo torrent, SwarmSettings settings, SwarmListener listener)
            throws Exception {
        Swarm swarm = fixture.call(() -> context.addTorrent(torrent, settings, listener));
        swarms.add(swarm);
        return swarm;
    }

    void start(Swarm swarm) throws Exception {
        fixture.run(swarm::start);
    }

    void stop(Swarm swarm, StopMode mode) throws Exception {
        CompletableFuture<Void> stopped = fixture.call(() -> swarm.stop(mode));
        stopped.get(LoopFixture.WAIT_SECONDS * 2, TimeUnit.SECONDS);
    }

    /** A condition polled until it holds. */
    interface Condition {
        boolean holds() throws Exception;
    }

    /** Polls {@code condition} until it holds; fails naming {@code what} after twice the usual wait. */
    static void until(String what, Condition condition) throws Exception {
        until(() -> what, condition);
    }

    private static void until(Supplier<String> what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LoopFixture.WAIT_SECONDS * 2);
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what.get());
            }
            Thread.sleep(5);
        }
    }

    /** Waits until the swarm's status satisfies {@code condition}; fails with the last status seen. */
    SwarmStatus awaitStatus(Swarm swarm, Predicate<SwarmStatus> condition, String what) throws Exception {
        SwarmStatus[] last = new SwarmStatus[1];
        until(() -> what + " (last status: " + last[0] + ")", () -> condition.test(last[0] = status(swarm)));
        return last[0];
    }

    /** Waits until the swarm is in {@code state}. */
    void awaitState(Swarm swarm, SwarmState state) throws Exception {
        awaitStatus(swarm, status -> status.state() == state, swarm + " in state " + state);
    }

    /** Starts {@code swarm} and waits until its start-up checks are done and it downloads. */
    void startDownloading(Swarm swarm) throws Exception {
        start(swarm);
        awaitState(swarm, SwarmState.DOWNLOADING);
    }

    SwarmStatus status(Swarm swarm) throws Exception {
        return fixture.call(swarm::status);
    }

    static InetSocketAddress address(BitTorrentContext context) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), context.listenPort());
    }

    void connect(Swarm from, BitTorrentContext to) throws Exception {
        fixture.run(() -> from.addPeers(List.of(address(to)), PeerSource.MANUAL));
    }

    @Override
    public void close() throws IOException {
        try {
            List<CompletableFuture<Void>> stops = fixture.call(() -> {
                List<CompletableFuture<Void>> all = new ArrayList<>();
                for (Swarm swarm : swarms) {
                    all.add(swarm.stop(StopMode.FORCED));
                }
                return all;
            });
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new))
                    .get(LoopFixture.WAIT_SECONDS * 2, TimeUnit.SECONDS);
            fixture.run(() -> contexts.forEach(BitTorrentContext::close));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while closing the swarms", e);
        } catch (Exception e) {
            throw new IOException("closing the swarms failed", e);
        } finally {
            fixture.close();
            disk.shutdownNow();
            hash.shutdownNow();
        }
    }
}
