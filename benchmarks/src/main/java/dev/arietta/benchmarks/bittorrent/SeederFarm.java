package dev.arietta.benchmarks.bittorrent;

import dev.arietta.bittorrent.internal.swarm.BitTorrentContext;
import dev.arietta.bittorrent.internal.swarm.StopMode;
import dev.arietta.bittorrent.internal.swarm.Swarm;
import dev.arietta.bittorrent.internal.swarm.SwarmListener;
import dev.arietta.bittorrent.internal.swarm.SwarmSettings;
import dev.arietta.bittorrent.internal.swarm.SwarmState;
import dev.arietta.bittorrent.internal.wire.PeerWireBuffers;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import dev.arietta.bittorrent.metainfo.TorrentParser;
import dev.arietta.core.internal.hash.HashExecutors;
import dev.arietta.core.internal.loop.DefaultHostResolver;
import dev.arietta.core.internal.loop.DaemonThreads;
import dev.arietta.core.internal.loop.EventLoop;
import dev.arietta.core.internal.loop.HostResolver;
import dev.arietta.core.internal.resume.ResumeStateFile;
import dev.arietta.core.internal.storage.AllocationMode;
import dev.arietta.http.internal.Http1Client;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Many seeders of one single-file torrent in one JVM, for {@link SwarmMemoryHarness}: each a
 * {@link BitTorrentContext} of its own (its own peer id and listening port on 127.0.0.1) seeding
 * the same complete file, hard-linked into a directory of its own, all on one event loop. A
 * first swarm checks every piece and saves the resume state; the seeders start from copies of
 * that state without hashing again.
 * Prints {@code ports p1,p2,...} once all seed, then seeds until its standard input ends.
 *
 * <p>{@code java -cp benchmarks.jar dev.arietta.benchmarks.bittorrent.SeederFarm TORRENT DIRECTORY COUNT}
 */
public final class SeederFarm {

    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private SeederFarm() {
    }

    public static void main(String[] arguments) throws Exception {
        TorrentMetainfo torrent = new TorrentParser().parse(Path.of(arguments[0]));
        Path directory = Path.of(arguments[1]);
        int count = Integer.parseInt(arguments[2]);
        ExecutorService disk = Executors.newFixedThreadPool(2, DaemonThreads.named("farm-disk"));
        ExecutorService hash = HashExecutors.newHashExecutor("farm-hash");
        ExecutorService shared = DaemonThreads.cached("farm-io");
        HostResolver resolver = new DefaultHostResolver(shared);
        PeerWireBuffers buffers = PeerWireBuffers.createDefault();
        EventLoop loop = EventLoop.start(1, System::nanoTime);
        Http1Client http = onLoop(loop, () -> Http1Client.builder(loop).resolver(resolver).build());
        SwarmSettings checked = SwarmSettings.builder(directory).allocation(AllocationMode.NONE).seedRatio(0)
                .checkIntegrity(true).build();
        // The first seeder hashes the files and leaves its resume state for the others.
        Swarm first = onLoop(loop, () -> start(loop, disk, hash, shared, resolver, buffers, http, torrent, checked)
                .swarm());
        awaitSeeding(loop, List.of(first));
        onLoop(loop, () -> first.stop(StopMode.GRACEFUL)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        // Each seeder has a directory of its own (a swarm's resume state is its alone): a hard
        // link to the payload and a copy of the first seeder's state.
        Path payload = directory.resolve(torrent.name());
        Path state = ResumeStateFile.pathFor(payload);
        List<Seeder> seeders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path own = Files.createDirectories(directory.resolve("seeder-" + i));
            Files.createLink(own.resolve(torrent.name()), payload);
            Files.copy(state, ResumeStateFile.pathFor(own.resolve(torrent.name())));
            SwarmSettings trusted = checked.toBuilder().directory(own).checkIntegrity(false).build();
            seeders.add(onLoop(loop, () -> start(loop, disk, hash, shared, resolver, buffers, http, torrent, trusted)));
        }
        awaitSeeding(loop, seeders.stream().map(Seeder::swarm).toList());
        System.out.println("ports " + seeders.stream().map(seeder -> Integer.toString(seeder.port()))
                .collect(Collectors.joining(",")));
        System.out.flush();
        while (System.in.read() >= 0) {
            // Seeds until the harness closes our standard input (or kills us).
        }
        System.exit(0);
    }

    private record Seeder(Swarm swarm, int port) {
    }

    private static Seeder start(EventLoop loop, ExecutorService disk, ExecutorService hash, ExecutorService shared,
                                HostResolver resolver, PeerWireBuffers buffers, Http1Client http,
                                TorrentMetainfo torrent, SwarmSettings settings) throws Exception {
        BitTorrentContext context = BitTorrentContext.builder(loop, disk, hash).listenPorts(0, 0)
                .bindAddress(InetAddress.getLoopbackAddress()).syncExecutor(shared).resolver(resolver)
                .httpClient(http).webSeedFetchers(List.of()).wireBuffers(buffers)
                .maxQueuedWriteBytes(256 * 1024).open();
        Swarm swarm = context.addTorrent(torrent, settings, new SwarmListener() {
            @Override
            public void onFileComplete(int fileIndex) {
            }

            @Override
            public void onDownloadComplete() {
            }

            @Override
            public void onSeedingFinished() {
            }

            @Override
            public void onError(dev.arietta.core.ErrorCode code, String message) {
                System.err.println("seeder failed: " + code + ": " + message);
                System.exit(3);
            }
        });
        swarm.start();
        return new Seeder(swarm, context.listenPort());
    }

    private static void awaitSeeding(EventLoop loop, List<Swarm> swarms) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (onLoop(loop, () -> swarms.stream().anyMatch(swarm -> swarm.state() != SwarmState.SEEDING))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("seeders did not start seeding in " + TIMEOUT);
            }
            Thread.sleep(100);
        }
    }

    @FunctionalInterface
    interface LoopTask<T> {
        T call() throws Exception;
    }

    /** Runs {@code task} on the loop thread (where the BitTorrent classes live) and returns its result. */
    static <T> T onLoop(EventLoop loop, LoopTask<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                result.complete(task.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
}
