package dev.arietta.benchmarks.bittorrent;

import dev.arietta.DownloadEvent;
import dev.arietta.Session;
import dev.arietta.bencode.BDictionary;
import dev.arietta.bencode.Bencode;
import dev.arietta.bittorrent.internal.swarm.BitTorrentContext;
import dev.arietta.bittorrent.internal.swarm.StopMode;
import dev.arietta.bittorrent.internal.swarm.Swarm;
import dev.arietta.bittorrent.internal.swarm.SwarmListener;
import dev.arietta.bittorrent.internal.swarm.SwarmSettings;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import dev.arietta.bittorrent.metainfo.TorrentParser;
import dev.arietta.core.ErrorCode;
import dev.arietta.core.internal.hash.HashExecutors;
import dev.arietta.core.internal.loop.DaemonThreads;
import dev.arietta.core.internal.loop.EventLoop;
import dev.arietta.core.internal.storage.AllocationMode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Loopback BitTorrent download harness (not a JMH benchmark): one libtorrent seeder of a
 * random payload (default 1 GiB, 1 MiB pieces) behind opentracker on 127.0.0.1, and four
 * leechers in turn — our swarm (driven directly through {@link Swarm}, as the session engine
 * drives it), our public {@link Session} API adding the same .torrent, aria2c and a libtorrent
 * leecher — each finding the seeder through the tracker.
 * Prints wall time, MiB/s, CPU seconds per GiB and peak memory for each, after one warm-up
 * download of ours per API (JIT) that is not reported. Every download is compared with the payload.
 *
 * <p>Measures: ours from {@link Swarm#start()} to BT_COMPLETE, CPU of the whole JVM (all
 * threads, JIT and GC) from {@link ProcessHandle}, peak heap as the sum of the heap pools'
 * peaks (reset before the run), peak RSS too; aria2c from process start to exit; libtorrent
 * from its session listening to the torrent finished (interpreter start-up excluded). The
 * external programs' CPU and peak RSS are sampled from {@code /proc} every
 * {@value #SAMPLE_MILLIS} ms (aria2c's last sample may miss its final milliseconds). Our swarm
 * runs with {@link SwarmSettings}' defaults but no preallocation, as aria2c
 * ({@code --file-allocation=none}) and libtorrent (sparse files) do; its resume state is saved
 * every 2 s (or {@code --save-interval}) with the data forced to the device first, which the
 * others never do during a download: their data is still being written back after they finish.
 *
 * <p>Needs {@code aria2c}, {@code opentracker} and python3-libtorrent ({@code /usr/bin/python3}),
 * and the libtorrent driver script of the bittorrent tests. Run from the repository root:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.arietta.benchmarks.bittorrent.LoopbackSwarmHarness
 * [size-MiB] [--rounds N] [--piece-kib K] [--save-interval S] [--script PATH] [--clients swarm,session,aria2,libtorrent]}
 * (a subset, e.g. to profile one); add {@code -Xmx64m}
 * to hold our side to DESIGN §7's heap bound. With several rounds the medians and our rate
 * against the others' are printed last.
 */
public final class LoopbackSwarmHarness {

    static final int SAMPLE_MILLIS = 20;
    /** The downloads of a round, in order: our swarm driven directly, our {@link Session}, aria2c, libtorrent. */
    private static final List<String> ALL_CLIENTS = List.of("swarm", "session", "aria2", "libtorrent");
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private LoopbackSwarmHarness() {
    }

    /** One measured download. */
    private record Result(String client, long wallNanos, long cpuNanos, long peakHeapBytes, long peakRssBytes) {
    }

    public static void main(String[] arguments) throws Exception {
        long sizeMiB = 1024;
        int rounds = 1;
        int pieceKiB = 1024;
        Duration saveInterval = SwarmSettings.DEFAULT_RESUME_SAVE_INTERVAL;
        Path script = Path.of("bittorrent/src/test/resources/it/libtorrent_peer.py");
        Set<String> clients = new LinkedHashSet<>(ALL_CLIENTS);
        for (int i = 0; i < arguments.length; i++) {
            switch (arguments[i]) {
                case "--clients" -> clients = new LinkedHashSet<>(List.of(arguments[++i].split(",")));
                case "--rounds" -> rounds = Integer.parseInt(arguments[++i]);
                case "--piece-kib" -> pieceKiB = Integer.parseInt(arguments[++i]);
                case "--save-interval" -> saveInterval = Duration.ofMillis((long) (Double.parseDouble(arguments[++i]) * 1000));
                case "--script" -> script = Path.of(arguments[++i]);
                default -> sizeMiB = Long.parseLong(arguments[i]);
            }
        }
        if (!Files.isRegularFile(script)) {
            throw new IOException("libtorrent driver " + script + " not found: run from the repository root or"
                    + " give --script");
        }
        long size = sizeMiB * 1024 * 1024;
        Path work = Files.createTempDirectory("arietta-bt-loopback");
        try {
            Path payload = work.resolve("seed/payload.bin");
            createPayload(payload, size);
            int trackerPort = freePort();
            String announce = "http://127.0.0.1:" + trackerPort + "/announce";
            Path torrentFile = work.resolve("payload.torrent");
            byte[] infoHash = writeTorrent(payload, pieceKiB * 1024, announce, torrentFile);
            TorrentMetainfo torrent = new TorrentParser().parse(torrentFile);
            System.out.printf(Locale.ROOT, "payload: %d MiB random, %d KiB pieces; our resume state saved every %.1f s;"
                    + " load average %s%n", sizeMiB, pieceKiB, saveInterval.toMillis() / 1000.0, loadAverage());
            try (LineProcess tracker = startTracker(work, trackerPort, infoHash);
                    LineProcess seeder = LineProcess.start("libtorrent seeder", List.of(PYTHON.toString(), "-u",
                            script.toAbsolutePath().toString(), "seed", "--torrent", torrentFile.toString(),
                            "--save", payload.getParent().toString()), work)) {
                seeder.awaitLine("seeding"::equals, TIMEOUT);
                seeder.awaitLine(line -> line.startsWith("announced "), TIMEOUT);
                if (clients.contains("swarm")) {
                    measureArietta(torrent, work, payload, saveInterval);
                }
                if (clients.contains("session")) {
                    measureSession(torrentFile, work, payload);
                }
                System.out.printf(Locale.ROOT, "%-24s %8s %9s %11s %13s %12s%n", "client", "wall s", "MiB/s",
                        "cpu s/GiB", "peak heap MiB", "peak RSS MiB");
                List<Result> results = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    int before = results.size();
                    for (String client : clients) {
                        primePages(work, size);
                        results.add(switch (client) {
                            case "swarm" -> measureArietta(torrent, work, payload, saveInterval);
                            case "session" -> measureSession(torrentFile, work, payload);
                            case "aria2" -> measureAria2(torrentFile, work, payload);
                            case "libtorrent" -> measureLibtorrent(script, torrentFile, work, payload);
                            default -> throw new IllegalArgumentException("unknown client " + client + ", not one of "
                                    + ALL_CLIENTS);
                        });
                    }
                    for (Result result : results.subList(before, results.size())) {
                        print(result, size);
                    }
                }
                if (rounds > 1) {
                    printMedians(results, size);
                }
                System.out.printf(Locale.ROOT, "load average after: %s%n", loadAverage());
            }
        } finally {
            deleteTree(work);
        }
    }

    static void createPayload(Path payload, long size) throws IOException {
        Files.createDirectories(payload.getParent());
        Random random = new Random(42);
        ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
        try (FileChannel channel = FileChannel.open(payload, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            for (long written = 0; written < size; written += chunk.capacity()) {
                random.nextBytes(chunk.array());
                chunk.clear().limit((int) Math.min(chunk.capacity(), size - written));
                while (chunk.hasRemaining()) {
                    channel.write(chunk);
                }
            }
        }
    }

    /**
     * Writes and deletes a file of {@code size} bytes, so that every client's download finds the
     * kernel's free pages in the same state. In a virtual machine that hands freed memory back
     * to its host, the first write to a page costs several times a reused one; without this,
     * whoever runs after a pause pays for it.
     */
    private static void primePages(Path work, long size) throws IOException {
        Path scratch = work.resolve("prime.bin");
        ByteBuffer chunk = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel channel = FileChannel.open(scratch, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            for (long written = 0; written < size; written += chunk.capacity()) {
                chunk.clear();
                channel.write(chunk, written);
            }
        }
        Files.delete(scratch);
    }

    /** Writes a single-file v1 torrent of {@code payload} (without trackers when {@code announce} is null) and returns its info-hash. */
    static byte[] writeTorrent(Path payload, int pieceLength, String announce, Path torrentFile)
            throws Exception {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        long size = Files.size(payload);
        int pieces = (int) ((size + pieceLength - 1) / pieceLength);
        byte[] hashes = new byte[pieces * 20];
        ByteBuffer buffer = ByteBuffer.allocate(pieceLength);
        try (FileChannel channel = FileChannel.open(payload, StandardOpenOption.READ)) {
            for (int piece = 0; piece < pieces; piece++) {
                buffer.clear().limit((int) Math.min(pieceLength, size - (long) piece * pieceLength));
                while (buffer.hasRemaining()) {
                    channel.read(buffer, (long) piece * pieceLength + buffer.position());
                }
                sha1.update(buffer.array(), 0, buffer.limit());
                System.arraycopy(sha1.digest(), 0, hashes, piece * 20, 20);
            }
        }
        BDictionary info = BDictionary.builder().put("length", size).put("name", payload.getFileName().toString())
                .put("piece length", pieceLength).put("pieces", hashes).build();
        BDictionary.Builder root = BDictionary.builder().put("info", info);
        if (announce != null) {
            root.put("announce", announce);
        }
        byte[] torrent = Bencode.encode(root.build());
        Files.write(torrentFile, torrent);
        return MessageDigest.getInstance("SHA-1").digest(Bencode.encode(info));
    }

    /** opentracker serving only the payload's info-hash (Debian builds it in whitelist mode). */
    private static LineProcess startTracker(Path work, int port, byte[] infoHash) throws Exception {
        Path root = Files.createDirectories(work.resolve("opentracker"));
        StringBuilder hex = new StringBuilder();
        for (byte b : infoHash) {
            hex.append(String.format("%02x", b));
        }
        Files.writeString(root.resolve("whitelist.txt"), hex + "\n");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(root.resolve("whitelist.txt"), PosixFilePermissions.fromString("rw-r--r--"));
        List<String> command = new ArrayList<>(List.of("/usr/bin/opentracker", "-i", "127.0.0.1", "-p",
                Integer.toString(port), "-P", Integer.toString(port), "-d", root.toString(), "-w", "whitelist.txt"));
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("-u", "nobody"));
        }
        LineProcess tracker = LineProcess.start("opentracker", command, root);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
                return tracker;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    tracker.close();
                    throw new IOException("opentracker did not listen on " + port);
                }
                Thread.sleep(20);
            }
        }
    }

    private static Result measureArietta(TorrentMetainfo torrent, Path work, Path payload, Duration saveInterval)
            throws Exception {
        Path target = work.resolve("arietta");
        ExecutorService disk = DaemonThreads.singleThread("bench-disk");
        ExecutorService hash = HashExecutors.newHashExecutor("bench-hash");
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        System.gc();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        long cpuBefore = processCpuNanos();
        long start = System.nanoTime();
        CompletableFuture<Void> complete = new CompletableFuture<>();
        try (EventLoop loop = EventLoop.start(1, System::nanoTime)) {
            CompletableFuture<Swarm> started = new CompletableFuture<>();
            BitTorrentContext[] context = new BitTorrentContext[1];
            loop.execute(() -> {
                try {
                    context[0] = BitTorrentContext.builder(loop, disk, hash).listenPorts(0, 0)
                            .bindAddress(InetAddress.getLoopbackAddress()).open();
                    Swarm swarm = context[0].addTorrent(torrent, SwarmSettings.builder(target)
                            .allocation(AllocationMode.NONE).resumeSaveInterval(saveInterval).seedRatio(0).build(),
                            listener(complete));
                    swarm.start();
                    started.complete(swarm);
                } catch (Exception | Error e) {
                    started.completeExceptionally(e);
                }
            });
            Swarm swarm = started.get(1, TimeUnit.MINUTES);
            complete.get(TIMEOUT.toMinutes(), TimeUnit.MINUTES);
            long wall = System.nanoTime() - start;
            long cpu = processCpuNanos() - cpuBefore;
            long peakHeap = heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            long peakRss = ProcStats.peakRssBytes(ProcessHandle.current().pid());
            CompletableFuture<CompletableFuture<Void>> stopping = new CompletableFuture<>();
            loop.execute(() -> stopping.complete(swarm.stop(StopMode.GRACEFUL)));
            stopping.get(1, TimeUnit.MINUTES).get(1, TimeUnit.MINUTES);
            CompletableFuture<Void> closed = new CompletableFuture<>();
            loop.execute(() -> {
                context[0].close();
                closed.complete(null);
            });
            closed.get(1, TimeUnit.MINUTES);
            verify(payload, target.resolve(payload.getFileName().toString()));
            return new Result("arietta (swarm API)", wall, cpu, peakHeap, peakRss);
        } finally {
            disk.shutdown();
            disk.awaitTermination(1, TimeUnit.MINUTES);
            hash.shutdownNow();
            deleteTree(target);
        }
    }

    /**
     * The same download through the public API: a {@link Session} (its own loop, disk and hash
     * executors, default options but {@code file-allocation=none} and {@code seed-time=0}) adding
     * the .torrent file, measured from {@link Session#addTorrent(Path)} to BT_COMPLETE.
     */
    private static Result measureSession(Path torrentFile, Path work, Path payload) throws Exception {
        Path target = Files.createDirectories(work.resolve("session"));
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        CompletableFuture<Void> complete = new CompletableFuture<>();
        try (Session session = Session.builder().directory(target).option("file-allocation", "none")
                .option("seed-time", "0").option("listen-port", Integer.toString(freePort()))
                .listener((event, download) -> {
                    if (event == DownloadEvent.BT_COMPLETE) {
                        complete.complete(null);
                    } else if (event == DownloadEvent.ERROR) {
                        complete.completeExceptionally(new IOException("download failed: " + download.status()));
                    }
                }).build()) {
            System.gc();
            heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
            long cpuBefore = processCpuNanos();
            long start = System.nanoTime();
            session.addTorrent(torrentFile);
            complete.get(TIMEOUT.toMinutes(), TimeUnit.MINUTES);
            long wall = System.nanoTime() - start;
            long cpu = processCpuNanos() - cpuBefore;
            long peakHeap = heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            long peakRss = ProcStats.peakRssBytes(ProcessHandle.current().pid());
            session.shutdown(false).get(1, TimeUnit.MINUTES);
            verify(payload, target.resolve(payload.getFileName().toString()));
            return new Result("arietta (Session API)", wall, cpu, peakHeap, peakRss);
        } finally {
            deleteTree(target);
        }
    }

    static SwarmListener listener(CompletableFuture<Void> complete) {
        return new SwarmListener() {
            @Override
            public void onFileComplete(int fileIndex) {
            }

            @Override
            public void onDownloadComplete() {
                complete.complete(null);
            }

            @Override
            public void onSeedingFinished() {
            }

            @Override
            public void onError(ErrorCode code, String message) {
                complete.completeExceptionally(new IOException(code + ": " + message));
            }
        };
    }

    private static Result measureAria2(Path torrentFile, Path work, Path payload) throws Exception {
        Path target = Files.createDirectories(work.resolve("aria2"));
        List<String> command = List.of("/usr/bin/aria2c", "--no-conf", "--enable-dht=false", "--enable-dht6=false",
                "--bt-enable-lpd=false", "--enable-peer-exchange=false", "--listen-port=" + freePort(),
                "--interface=127.0.0.1", "--dir=" + target, "--file-allocation=none", "--seed-time=0",
                "--summary-interval=0", "--console-log-level=warn", "--bt-save-metadata=false",
                torrentFile.toString());
        long start = System.nanoTime();
        try (LineProcess aria2 = LineProcess.start("aria2c leecher", command, work);
                Sampler sampler = new Sampler(aria2.pid())) {
            int exit = aria2.awaitExit(TIMEOUT);
            long wall = System.nanoTime() - start;
            if (exit != 0) {
                throw new IOException("aria2c exited with " + exit);
            }
            verify(payload, target.resolve(payload.getFileName().toString()));
            return new Result("aria2c " + aria2Version(), wall, sampler.cpuNanos(), -1, sampler.peakRssBytes());
        } finally {
            deleteTree(target);
        }
    }

    private static Result measureLibtorrent(Path script, Path torrentFile, Path work, Path payload) throws Exception {
        Path target = Files.createDirectories(work.resolve("libtorrent"));
        try (LineProcess leecher = LineProcess.start("libtorrent leecher", List.of(PYTHON.toString(), "-u",
                script.toAbsolutePath().toString(), "leech", "--torrent", torrentFile.toString(), "--save",
                target.toString()), work)) {
            leecher.awaitLine(line -> line.startsWith("listening "), TIMEOUT);
            long start = System.nanoTime();
            long cpuBefore = leecher.cpuNanos();
            leecher.awaitLine("finished"::equals, TIMEOUT);
            long wall = System.nanoTime() - start;
            long cpu = leecher.cpuNanos() - cpuBefore;
            long rss = leecher.peakRssBytes();
            leecher.close();
            verify(payload, target.resolve(payload.getFileName().toString()));
            return new Result("libtorrent leecher", wall, cpu, -1, rss);
        } finally {
            deleteTree(target);
        }
    }

    private static String aria2Version() {
        try {
            Process version = new ProcessBuilder("/usr/bin/aria2c", "--version").start();
            String first = new String(version.getInputStream().readAllBytes()).lines().findFirst().orElse("");
            return first.replace("aria2 version ", "");
        } catch (IOException e) {
            return "";
        }
    }

    static void verify(Path expected, Path actual) throws IOException {
        if (Files.mismatch(expected, actual) != -1) {
            throw new IOException(actual + " differs from the payload");
        }
    }

    private static void print(Result result, long size) {
        double seconds = result.wallNanos / 1e9;
        double gib = size / (double) (1L << 30);
        System.out.printf(Locale.ROOT, "%-24s %8.2f %9.1f %11.2f %13s %12.0f%n", result.client, seconds,
                size / 1048576.0 / seconds, result.cpuNanos / 1e9 / gib,
                result.peakHeapBytes < 0 ? "-" : String.format(Locale.ROOT, "%.0f", result.peakHeapBytes / 1048576.0),
                result.peakRssBytes / 1048576.0);
    }

    /** Each client's median rate and CPU over the rounds, and our rate against the others'. */
    private static void printMedians(List<Result> results, long size) {
        java.util.Map<String, List<Result>> byClient = new java.util.LinkedHashMap<>();
        for (Result result : results) {
            byClient.computeIfAbsent(result.client, name -> new ArrayList<>()).add(result);
        }
        java.util.Map<String, Double> medianRates = new java.util.LinkedHashMap<>();
        System.out.println("medians over " + results.size() / byClient.size() + " rounds:");
        for (var entry : byClient.entrySet()) {
            double rate = median(entry.getValue().stream().mapToDouble(r -> size / 1048576.0 / (r.wallNanos / 1e9))
                    .toArray());
            double cpu = median(entry.getValue().stream().mapToDouble(r -> r.cpuNanos / 1e9 / (size / (double) (1L << 30)))
                    .toArray());
            medianRates.put(entry.getKey(), rate);
            System.out.printf(Locale.ROOT, "%-24s %9.1f MiB/s %8.2f cpu s/GiB%n", entry.getKey(), rate, cpu);
        }
        double ours = medianRates.values().iterator().next();
        medianRates.forEach((client, rate) -> {
            if (rate != ours) {
                System.out.printf(Locale.ROOT, "arietta / %-24s %5.2f x%n", client, ours / rate);
            }
        });
    }

    private static double median(double[] values) {
        java.util.Arrays.sort(values);
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    static long processCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Samples a process's CPU and peak RSS every {@value #SAMPLE_MILLIS} ms until closed. */
    private static final class Sampler implements AutoCloseable {
        private final long pid;
        private final Thread thread;
        private volatile long cpuNanos;
        private volatile long peakRssBytes;
        private volatile boolean running = true;

        Sampler(long pid) {
            this.pid = pid;
            this.thread = DaemonThreads.named("sampler-" + pid).newThread(this::sample);
            thread.start();
        }

        private void sample() {
            while (running) {
                try {
                    cpuNanos = ProcStats.cpuNanos(pid);
                    peakRssBytes = Math.max(peakRssBytes, ProcStats.peakRssBytes(pid));
                    Thread.sleep(SAMPLE_MILLIS);
                } catch (IOException | RuntimeException gone) {
                    return;
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long cpuNanos() {
            return cpuNanos;
        }

        long peakRssBytes() {
            return peakRssBytes;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join();
        }
    }
}
