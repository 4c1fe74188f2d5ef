package dev.arietta.benchmarks.bittorrent;

import dev.arietta.bittorrent.internal.swarm.BitTorrentContext;
import dev.arietta.bittorrent.internal.swarm.PeerSource;
import dev.arietta.bittorrent.internal.swarm.StopMode;
import dev.arietta.bittorrent.internal.swarm.Swarm;
import dev.arietta.bittorrent.internal.swarm.SwarmSettings;
import dev.arietta.bittorrent.internal.swarm.SwarmStatus;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import dev.arietta.bittorrent.metainfo.TorrentParser;
import dev.arietta.core.internal.hash.HashExecutors;
import dev.arietta.core.internal.loop.DaemonThreads;
import dev.arietta.core.internal.loop.EventLoop;
import dev.arietta.core.internal.storage.AllocationMode;
import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.File;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * DESIGN §7's memory case: our swarm downloading a large torrent (default 10 GiB, 4 MiB
 * pieces) from many peers at once (default 200), all on 127.0.0.1. The peers are a
 * {@link SeederFarm} in a child JVM; this JVM holds only the leecher, which is given every
 * seeder's address and {@code bt-max-peers} equal to their number. Run it with the heap bound
 * to check, e.g. {@code -Xmx64m}: the download must finish, and the harness prints the most
 * peers connected at once, the rate, CPU, the peak heap (the heap pools' peaks, garbage
 * included), the largest heap left after a collection (the live set), GC count and time,
 * and peak RSS. The file is compared with the payload at the end.
 *
 * <p>Needs about twice the payload's size on disk. Run from the repository root:
 * {@code java -Xmx64m -cp benchmarks/target/benchmarks.jar dev.arietta.benchmarks.bittorrent.SwarmMemoryHarness
 * [size-MiB] [--peers N] [--piece-kib K] [--farm-heap-mib M]}
 */
public final class SwarmMemoryHarness {

    private static final Duration TIMEOUT = Duration.ofMinutes(20);

    private SwarmMemoryHarness() {
    }

    public static void main(String[] arguments) throws Exception {
        long sizeMiB = 10 * 1024;
        int peers = 200;
        int pieceKiB = 4096;
        int farmHeapMiB = 2048;
        for (int i = 0; i < arguments.length; i++) {
            switch (arguments[i]) {
                case "--peers" -> peers = Integer.parseInt(arguments[++i]);
                case "--piece-kib" -> pieceKiB = Integer.parseInt(arguments[++i]);
                case "--farm-heap-mib" -> farmHeapMiB = Integer.parseInt(arguments[++i]);
                default -> sizeMiB = Long.parseLong(arguments[i]);
            }
        }
        long size = sizeMiB * 1024 * 1024;
        Path work = Files.createTempDirectory("arietta-bt-memory");
        try {
            Path payload = work.resolve("seed/payload.bin");
            LoopbackSwarmHarness.createPayload(payload, size);
            Path torrentFile = work.resolve("payload.torrent");
            LoopbackSwarmHarness.writeTorrent(payload, pieceKiB * 1024, null, torrentFile);
            TorrentMetainfo torrent = new TorrentParser().parse(torrentFile);
            String javaCommand = ProcessHandle.current().info().command().orElse("java");
            String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                    .map(entry -> Path.of(entry).toAbsolutePath().toString())
                    .collect(Collectors.joining(File.pathSeparator));
            System.out.printf(Locale.ROOT, "payload: %d MiB random, %d KiB pieces (%d), %d peers; heap limit %d MiB;"
                    + " load average %s%n", sizeMiB, pieceKiB, torrent.pieceCount(), peers,
                    Runtime.getRuntime().maxMemory() >> 20, LoopbackSwarmHarness.loadAverage());
            try (LineProcess farm = LineProcess.start("seeder farm", List.of(javaCommand, "-Xmx" + farmHeapMiB + "m", "-cp",
                    classPath, SeederFarm.class.getName(), torrentFile.toString(), payload.getParent().toString(),
                    Integer.toString(peers)), work)) {
                String ports = farm.awaitLine(line -> line.startsWith("ports "), TIMEOUT);
                List<InetSocketAddress> addresses = Arrays.stream(ports.substring("ports ".length()).split(","))
                        .map(port -> new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(port)))
                        .toList();
                measure(torrent, work, payload, addresses);
            }
        } finally {
            LoopbackSwarmHarness.deleteTree(work);
        }
    }

    private static void measure(TorrentMetainfo torrent, Path work, Path payload, List<InetSocketAddress> peers)
            throws Exception {
        Path target = Files.createDirectories(work.resolve("leecher"));
        ExecutorService disk = DaemonThreads.singleThread("bench-disk");
        ExecutorService hash = HashExecutors.newHashExecutor("bench-hash");
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
        CompletableFuture<Void> complete = new CompletableFuture<>();
        try (EventLoop loop = EventLoop.start(1, System::nanoTime)) {
            System.gc();
            LiveSet liveSet = new LiveSet(collectors);
            heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
            long gcCountBefore = collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
            long gcMillisBefore = collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
            long cpuBefore = LoopbackSwarmHarness.processCpuNanos();
            long start = System.nanoTime();
            BitTorrentContext[] context = new BitTorrentContext[1];
            Swarm swarm = SeederFarm.onLoop(loop, () -> {
                context[0] = BitTorrentContext.builder(loop, disk, hash).listenPorts(0, 0)
                        .bindAddress(InetAddress.getLoopbackAddress()).open();
                Swarm leecher = context[0].addTorrent(torrent, SwarmSettings.builder(target)
                        .allocation(AllocationMode.NONE).maxPeers(peers.size()).seedRatio(0).build(), LoopbackSwarmHarness.listener(complete));
                leecher.start();
                leecher.addPeers(peers, PeerSource.MANUAL);
                return leecher;
            });
            int mostConnections = 0;
            while (!complete.isDone()) {
                if (System.nanoTime() - start > TIMEOUT.toNanos()) {
                    throw new IOException("the download did not finish in " + TIMEOUT);
                }
                SwarmStatus status = SeederFarm.onLoop(loop, swarm::status);
                mostConnections = Math.max(mostConnections, status.connections());
                Thread.sleep(200);
            }
            complete.get();
            long wall = System.nanoTime() - start;
            long cpu = LoopbackSwarmHarness.processCpuNanos() - cpuBefore;
            long peakHeap = heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            liveSet.close();
            long mostLive = liveSet.most();
            long gcCount = collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum()
                    - gcCountBefore;
            long gcMillis = collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum()
                    - gcMillisBefore;
            long peakRss = ProcStats.peakRssBytes(ProcessHandle.current().pid());
            SeederFarm.onLoop(loop, () -> swarm.stop(StopMode.GRACEFUL)).get(1, TimeUnit.MINUTES);
            SeederFarm.onLoop(loop, () -> {
                context[0].close();
                return null;
            });
            LoopbackSwarmHarness.verify(payload, target.resolve(payload.getFileName().toString()));
            long size = torrent.totalLength();
            double seconds = wall / 1e9;
            System.out.printf(Locale.ROOT, "most peers connected at once: %d of %d%n", mostConnections, peers.size());
            System.out.printf(Locale.ROOT, "wall %.1f s, %.1f MiB/s, %.2f cpu s/GiB%n", seconds,
                    size / 1048576.0 / seconds, cpu / 1e9 / (size / (double) (1L << 30)));
            System.out.printf(Locale.ROOT, "peak heap %.1f MiB (garbage included), largest live set after a GC %.1f MiB,"
                    + " %d GCs taking %d ms (%.1f%% of the wall time), peak RSS %.0f MiB%n", peakHeap / 1048576.0,
                    mostLive / 1048576.0, gcCount, gcMillis, gcMillis / 10.0 / seconds, peakRss / 1048576.0);
            System.out.printf(Locale.ROOT, "load average after: %s%n", LoopbackSwarmHarness.loadAverage());
        } finally {
            disk.shutdown();
            disk.awaitTermination(1, TimeUnit.MINUTES);
            hash.shutdownNow();
        }
    }

    /** The most heap in use just after any collection (the live set then, what a collection cannot free), from GC notifications. */
    private static final class LiveSet implements NotificationListener, AutoCloseable {
        private final List<GarbageCollectorMXBean> collectors;
        private final AtomicLong most = new AtomicLong();

        LiveSet(List<GarbageCollectorMXBean> collectors) {
            this.collectors = collectors;
            for (GarbageCollectorMXBean collector : collectors) {
                ((NotificationEmitter) collector).addNotificationListener(this, null, null);
            }
        }

        @Override
        public void handleNotification(Notification notification, Object handback) {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                    (CompositeData) notification.getUserData());
            long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                    .filter(usage -> usage != null).mapToLong(MemoryUsage::getUsed).sum()
                    - nonHeap(info.getGcInfo().getMemoryUsageAfterGc());
            most.accumulateAndGet(used, Math::max);
        }

        /** The pools of a GcInfo include non-heap ones (metaspace, code cache): subtracted. */
        private static long nonHeap(java.util.Map<String, MemoryUsage> pools) {
            long nonHeap = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                MemoryUsage usage = pools.get(pool.getName());
                if (pool.getType() == MemoryType.NON_HEAP && usage != null) {
                    nonHeap += usage.getUsed();
                }
            }
            return nonHeap;
        }

        long most() {
            return most.get();
        }

        @Override
        public void close() throws ListenerNotFoundException {
            for (GarbageCollectorMXBean collector : collectors) {
                ((NotificationEmitter) collector).removeNotificationListener(this);
            }
        }
    }
}
