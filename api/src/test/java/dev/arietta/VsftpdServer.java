package dev.arietta;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real vsftpd started for integration tests with its own configuration in a temporary
 * directory, bound to loopback on a free port, stopped on {@link #close()}. It logs every
 * transfer, so a test can tell which bytes it served ({@link #downloadedBytes}).
 *
 * <p>As root (CI) vsftpd runs normally: anonymous users are chrooted into the served
 * directory, and local users log in through PAM ({@code pam_service_name=vsftpd}) and start in
 * the same directory ({@code local_root}). Not as root, it runs with
 * {@code run_as_launching_user=YES}, which supports anonymous logins only.
 *
 * <p>A missing vsftpd fails the test under {@code CI=true} and skips it otherwise.
 */
final class VsftpdServer implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/vsftpd");
    private static final long START_TIMEOUT_MILLIS = 10_000;

    private final Process process;
    private final int port;
    private final Path log;

    private VsftpdServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Fails under CI, skips otherwise, when vsftpd is not installed. */
    static void requireInstalled() {
        if (!Files.isExecutable(BINARY)) {
            if (underCi()) {
                fail(BINARY + " is missing; install the vsftpd package (.ci/run does)");
            }
            Assumptions.abort(BINARY + " is not installed");
        }
    }

    static boolean runningAsRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException unknown) {
            return false;
        }
    }

    /**
     * Starts vsftpd serving {@code root} on {@code bindAddress} ({@code 127.0.0.1} or {@code ::1}).
     *
     * @param work an empty directory for the configuration, log and chroot helper directory
     */
    static VsftpdServer start(Path root, Path work, InetAddress bindAddress) throws IOException, InterruptedException {
        requireInstalled();
        boolean asRoot = runningAsRoot();
        int port = freePort(bindAddress);
        Path emptyDirectory = Files.createDirectories(work.resolve("empty"));
        Files.setPosixFilePermissions(emptyDirectory, PosixFilePermissions.fromString("r-xr-xr-x"));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        boolean ipv6 = bindAddress.getAddress().length == 16;
        List<String> config = new ArrayList<>(List.of(
                ipv6 ? "listen=NO" : "listen=YES",
                ipv6 ? "listen_ipv6=YES" : "listen_ipv6=NO",
                (ipv6 ? "listen_address6=" : "listen_address=") + bindAddress.getHostAddress(),
                "listen_port=" + port,
                "background=NO",
                "anonymous_enable=YES",
                "anon_root=" + root,
                "write_enable=NO",
                "pasv_enable=YES",
                "port_enable=YES",
                "connect_from_port_20=NO",
                "seccomp_sandbox=NO",
                "secure_chroot_dir=" + emptyDirectory,
                "xferlog_enable=YES",
                "xferlog_std_format=NO",
                "vsftpd_log_file=" + work.resolve("vsftpd.log"),
                "dirmessage_enable=NO",
                "use_localtime=NO",
                "utf8_filesystem=YES",
                "max_clients=50",
                "max_per_ip=50"));
        if (asRoot) {
            config.addAll(List.of("local_enable=YES", "local_root=" + root, "pam_service_name=vsftpd",
                    "chroot_local_user=NO"));
        } else {
            config.addAll(List.of("local_enable=NO", "run_as_launching_user=YES"));
        }
        Path configFile = work.resolve("vsftpd.conf");
        Files.write(configFile, config, StandardCharsets.US_ASCII);
        Path log = work.resolve("vsftpd.out");
        Process process = new ProcessBuilder(BINARY.toString(), configFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        VsftpdServer server = new VsftpdServer(process, port, log);
        server.awaitListening(bindAddress);
        return server;
    }

    int port() {
        return port;
    }

    /** Polls until vsftpd accepts connections (a readiness probe; vsftpd prints nothing when ready). */
    private void awaitListening(InetAddress bindAddress) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("vsftpd exited with " + process.exitValue() + ": " + output());
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(bindAddress, port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        close();
        throw new IOException("vsftpd did not listen on port " + port + " within " + START_TIMEOUT_MILLIS + " ms: "
                + output());
    }

    /**
     * The byte counts of the transfers vsftpd logged ({@code OK DOWNLOAD} and, for ranges ended
     * with ABOR, {@code FAIL DOWNLOAD} lines) of {@code path}.
     */
    List<Long> downloadedBytes(String path) throws IOException {
        Path file = log.resolveSibling("vsftpd.log");
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Long> counts = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int quoted = line.indexOf("\"" + path + "\", ");
            if (line.contains("DOWNLOAD:") && quoted >= 0) {
                String rest = line.substring(quoted + path.length() + 4);
                counts.add(Long.parseLong(rest.substring(0, rest.indexOf(' '))));
            }
        }
        return counts;
    }

    /** Successful logins vsftpd logged so far. */
    int logins() throws IOException {
        Path file = log.resolveSibling("vsftpd.log");
        if (!Files.exists(file)) {
            return 0;
        }
        return (int) Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> line.contains("OK LOGIN"))
                .count();
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            return "(no output)";
        }
    }

    private static int freePort(InetAddress bindAddress) throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, bindAddress)) {
            return probe.getLocalPort();
        }
    }

    /** Stops vsftpd and the per-connection processes it forked. */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
