package dev.arietta.benchmarks.http;

import dev.arietta.DownloadResult;
import dev.arietta.Options;
import dev.arietta.Session;
import dev.arietta.core.internal.loop.EventLoop;
import dev.arietta.http.internal.ByteRange;
import dev.arietta.http.internal.Http1Client;
import dev.arietta.http.internal.HttpRequest;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Loopback end-to-end HTTP download harness (not a JMH benchmark): starts nginx on a
 * temporary file and downloads it two ways — with the bare HTTP client (the file split into
 * equal ranges, one request per connection, positional writes on the loop thread) and through
 * the whole engine ({@link Session#addUri}: segment allocation, core storage on the disk
 * executor, resume state, with {@code -x1} and with {@code -x16 -s16 -k1M}) — and prints wall
 * time and CPU seconds next to {@code curl} (1 connection) and {@code aria2c} with the same
 * flags when installed.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.arietta.benchmarks.http.LoopbackDownloadHarness [size-MiB] [--random] [--rounds N]}.
 * Default 1024 MiB, a sparse (all-zero) source file, 1 round after the source is read once
 * (page cache), a file of the download's size is written and deleted once (so that the first
 * client measured does not alone pay for memory the machine never used before: in a fresh
 * virtual machine that made the first download of a round cost up to twice the CPU of the
 * same download later), and a 256 MiB plain and a 128 MiB session warm-up download (JIT).
 * Arietta's CPU is the whole JVM's (all threads, JIT and GC included, from
 * {@link ProcessHandle}) during the download;
 * the external tools' is their user + system time. Every output is compared with the source.
 * The load average is printed before and after: other work on the machine makes every number
 * noisier.
 */
public final class LoopbackDownloadHarness {

    private static final int[] CONNECTIONS = {1, 16};

    private LoopbackDownloadHarness() {
    }

    public static void main(String[] arguments) throws Exception {
        long sizeMiB = 1024;
        boolean random = false;
        int rounds = 1;
        for (int i = 0; i < arguments.length; i++) {
            if (arguments[i].equals("--random")) {
                random = true;
            } else if (arguments[i].equals("--rounds")) {
                rounds = Integer.parseInt(arguments[++i]);
            } else {
                sizeMiB = Long.parseLong(arguments[i]);
            }
        }
        long size = sizeMiB * 1024 * 1024;
        Path work = Files.createTempDirectory("arietta-loopback");
        try {
            Path root = Files.createDirectories(work.resolve("www"));
            Path source = root.resolve("file.bin");
            createSource(source, size, random);
            Path warmSource = root.resolve("warm.bin");
            createSource(warmSource, Math.min(size, 128L * 1024 * 1024), random);
            try (NginxLauncher nginx = NginxLauncher.serve(root, Files.createDirectories(work.resolve("nginx")))) {
                URI uri = URI.create("http://127.0.0.1:" + nginx.port + "/file.bin");
                System.out.printf(Locale.ROOT, "file: %d MiB (%s), nginx on port %d, %d rounds%n",
                        sizeMiB, random ? "random data" : "sparse, zeros", nginx.port, rounds);
                System.out.printf(Locale.ROOT, "load average before: %s%n", loadAverage());
                System.out.printf(Locale.ROOT, "%-22s %10s %10s %10s%n", "client", "wall s", "cpu s", "MiB/s");
                readThrough(source);
                primeMemory(work.resolve("prime.out"), size);
                warmUp(uri, work, Math.min(size, 256L * 1024 * 1024));
                URI warmUri = URI.create("http://127.0.0.1:" + nginx.port + "/warm.bin");
                measureSession(warmUri, work, warmSource, Files.size(warmSource), 16, false);
                for (int round = 0; round < rounds; round++) {
                    System.out.printf(Locale.ROOT, "round %d (load %s)%n", round + 1, loadAverage());
                    for (int connections : CONNECTIONS) {
                        measureArietta(uri, work, source, size, connections);
                        measureSession(uri, work, source, size, connections, true);
                        if (connections == 1) {
                            measureExternal("curl", List.of("curl", "-s", "-o", work.resolve("curl.out").toString(),
                                    uri.toString()), work.resolve("curl.out"), source, size);
                        }
                        measureExternal("aria2c -x" + connections, List.of("aria2c", "-q", "-x" + connections,
                                "-s" + connections, "-k1M", "--file-allocation=none",
                                "--allow-overwrite=true", "--auto-file-renaming=false", "--summary-interval=0",
                                "-d", work.toString(), "-o", "aria2.out", uri.toString()),
                                work.resolve("aria2.out"), source, size);
                    }
                }
                System.out.printf(Locale.ROOT, "load average after: %s%n", loadAverage());
            }
        } finally {
            deleteTree(work);
        }
    }

    /** Writes and deletes a file of {@code size} bytes: every client then writes into recycled page cache. */
    private static void primeMemory(Path file, long size) throws IOException {
        ByteBuffer block = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            for (long written = 0; written < size; written += block.capacity()) {
                block.clear().limit((int) Math.min(block.capacity(), size - written));
                while (block.hasRemaining()) {
                    channel.write(block);
                }
            }
        }
        Files.delete(file);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException notLinux) {
            return "unknown";
        }
    }

    private static void createSource(Path source, long size, boolean random) throws IOException {
        if (!random) {
            try (RandomAccessFile file = new RandomAccessFile(source.toFile(), "rw")) {
                file.setLength(size);
            }
            return;
        }
        Random generator = new Random(42);
        ByteBuffer block = ByteBuffer.allocate(1 << 20);
        try (FileChannel channel = FileChannel.open(source, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            for (long written = 0; written < size; written += block.capacity()) {
                generator.nextBytes(block.array());
                block.clear().limit((int) Math.min(block.capacity(), size - written));
                while (block.hasRemaining()) {
                    channel.write(block);
                }
            }
        }
    }

    /** Reads the source once so that every client is served from the page cache, not the disk. */
    private static void readThrough(Path source) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel channel = FileChannel.open(source, StandardOpenOption.READ)) {
            while (channel.read(buffer.clear()) >= 0) {
                // Only the page cache side effect matters.
            }
        }
    }

    private static void warmUp(URI uri, Path work, long bytes) throws Exception {
        Path output = work.resolve("warmup.out");
        download(uri, output, bytes, 16);
        Files.deleteIfExists(output);
    }

    private static void measureArietta(URI uri, Path work, Path source, long size, int connections) throws Exception {
        Path output = work.resolve("arietta.out");
        Files.deleteIfExists(output);
        long cpuBefore = processCpuNanos();
        long start = System.nanoTime();
        download(uri, output, size, connections);
        long wall = System.nanoTime() - start;
        long cpu = processCpuNanos() - cpuBefore;
        verify(output, source, size);
        print("arietta x" + connections, wall, cpu, size);
        Files.deleteIfExists(output);
    }

    /**
     * Downloads through a {@link Session}, as an embedding application would, with aria2c's
     * flags for the same run: {@code -x1}, or {@code -x16 -s16 -k1M}.
     */
    private static void measureSession(URI uri, Path work, Path source, long size, int connections,
                                       boolean report) throws Exception {
        Path output = work.resolve("session.out");
        Files.deleteIfExists(output);
        long cpuBefore = processCpuNanos();
        long start = System.nanoTime();
        try (Session session = Session.builder().directory(work).build()) {
            Options options = Options.of("out", "session.out", "split", Integer.toString(connections),
                    "max-connection-per-server", Integer.toString(connections), "min-split-size", "1M",
                    "file-allocation", "none", "allow-overwrite", "true");
            DownloadResult result = session.addUri(List.of(uri.toString()), options).completion()
                    .get(30, TimeUnit.MINUTES);
            if (!result.isSuccess()) {
                throw new IOException("session download failed: " + result.errorCode() + " " + result.errorMessage());
            }
        }
        long wall = System.nanoTime() - start;
        long cpu = processCpuNanos() - cpuBefore;
        verify(output, source, size);
        if (report) {
            print("arietta session x" + connections, wall, cpu, size);
        }
        Files.deleteIfExists(output);
    }

    /** Downloads the first {@code size} bytes in {@code connections} equal ranges. */
    private static void download(URI uri, Path output, long size, int connections) throws Exception {
        try (EventLoop loop = EventLoop.start(1, System::nanoTime);
             Http1Client client = Http1Client.builder(loop).readTimeout(Duration.ofSeconds(60)).build();
             FileChannel file = FileChannel.open(output, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            long segment = (size + connections - 1) / connections;
            List<CompletableFuture<?>> parts = new ArrayList<>();
            for (long offset = 0; offset < size; offset += segment) {
                long length = Math.min(segment, size - offset);
                HttpRequest request = HttpRequest.get(uri).range(ByteRange.of(offset, length)).build();
                parts.add(client.download(request, file, offset));
            }
            CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.MINUTES);
        }
    }

    private static final Pattern TIMES = Pattern.compile("(\\d+)m([\\d.]+)s\\s+(\\d+)m([\\d.]+)s");

    private static void measureExternal(String name, List<String> command, Path output, Path source, long size)
            throws Exception {
        if (!onPath(command.get(0))) {
            System.out.printf(Locale.ROOT, "%-22s %s%n", name, "not installed");
            return;
        }
        Files.deleteIfExists(output);
        // bash's `times` prints the children's user and system CPU on its second line.
        String script = String.join(" ", command.stream().map(LoopbackDownloadHarness::quote).toList())
                + " >/dev/null 2>&1; status=$?; times; exit $status";
        long start = System.nanoTime();
        Process process = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String report = new String(process.getInputStream().readAllBytes());
        int status = process.waitFor();
        long wall = System.nanoTime() - start;
        if (status != 0) {
            System.out.printf(Locale.ROOT, "%-22s failed with status %d%n", name, status);
            return;
        }
        String[] lines = report.trim().split("\n");
        Matcher matcher = TIMES.matcher(lines[lines.length - 1]);
        long cpu = -1;
        if (matcher.find()) {
            double seconds = Long.parseLong(matcher.group(1)) * 60 + Double.parseDouble(matcher.group(2))
                    + Long.parseLong(matcher.group(3)) * 60 + Double.parseDouble(matcher.group(4));
            cpu = (long) (seconds * 1e9);
        }
        verify(output, source, size);
        print(name, wall, cpu, size);
        Files.deleteIfExists(output);
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static boolean onPath(String program) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }

    private static void verify(Path output, Path source, long size) throws IOException {
        if (Files.size(output) != size || Files.mismatch(output, source) != -1) {
            throw new IOException(output + " differs from the source file");
        }
    }

    private static long processCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    private static void print(String name, long wallNanos, long cpuNanos, long size) {
        System.out.printf(Locale.ROOT, "%-22s %10.2f %10.2f %10.0f%n", name, wallNanos / 1e9,
                cpuNanos / 1e9, size / 1048576.0 / (wallNanos / 1e9));
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
