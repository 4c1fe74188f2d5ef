package dev.arietta.bittorrent.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real vsftpd on 127.0.0.1 serving one directory read-only to anonymous logins, for FTP web
 * seeds (BEP 19 {@code url-list} entries with {@code ftp://}).
 *
 * <p>Configuration (in a new subdirectory of the work directory): {@code anon_root} is the
 * served directory, passive mode, no writes, no seccomp sandbox, {@code background=NO} so the
 * process stays ours. As root vsftpd chroots anonymous sessions into the served directory and
 * reads as the {@code ftp} user, so the served tree is made world-readable; otherwise it runs
 * as the launching user ({@code run_as_launching_user=YES}). Every transfer is logged, so a
 * test can tell which files were fetched ({@link #downloads()}).
 *
 * <p>Thread-safe. {@link #close()} stops vsftpd and the session processes it forked.
 */
public final class VsftpdProcess implements AutoCloseable {

    /** vsftpd (Debian package {@code vsftpd}). */
    public static final Path VSFTPD = Path.of("/usr/sbin/vsftpd");
    /** How long vsftpd gets to listen after starting. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final RunningProcess process;
    private final int port;
    private final Path transferLog;

    private VsftpdProcess(RunningProcess process, int port, Path transferLog) {
        this.process = process;
        this.port = port;
        this.transferLog = transferLog;
    }

    /** Starts vsftpd serving {@code served} and waits until it accepts connections. */
    public static VsftpdProcess start(Path workDirectory, Path served) throws IOException {
        ExternalProgram.require(VSFTPD, "vsftpd");
        Path work = Files.createTempDirectory(workDirectory, "vsftpd");
        Path empty = Files.createDirectories(work.resolve("empty"));
        Files.setPosixFilePermissions(empty, PosixFilePermissions.fromString("r-xr-xr-x"));
        readableByAll(served);
        Path transferLog = work.resolve("transfers.log");
        boolean root = "root".equals(System.getProperty("user.name"));
        int port = ExternalProgram.freePort();
        List<String> config = new ArrayList<>(List.of("listen=YES", "listen_ipv6=NO", "listen_address=127.0.0.1",
                "listen_port=" + port, "background=NO", "anonymous_enable=YES", "anon_root=" + served,
                "local_enable=NO", "write_enable=NO", "pasv_enable=YES", "connect_from_port_20=NO",
                "seccomp_sandbox=NO", "secure_chroot_dir=" + empty, "xferlog_enable=YES", "xferlog_std_format=NO",
                "vsftpd_log_file=" + transferLog, "dirmessage_enable=NO", "max_clients=50", "max_per_ip=50"));
        if (!root) {
            config.add("run_as_launching_user=YES");
        }
        Path configFile = work.resolve("vsftpd.conf");
        Files.write(configFile, config, StandardCharsets.US_ASCII);
        RunningProcess process = RunningProcess.start("vsftpd", List.of(VSFTPD.toString(), configFile.toString()),
                work);
        try {
            process.awaitListening(port, START_TIMEOUT);
        } catch (AssertionError failure) {
            process.close();
            throw failure;
        }
        return new VsftpdProcess(process, port, transferLog);
    }

    private static void readableByAll(Path served) throws IOException {
        try (Stream<Path> tree = Files.walk(served)) {
            for (Path path : tree.toList()) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                        Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    /** {@code ftp://127.0.0.1:PORT} followed by {@code path} (percent-encoded, starting with '/'). */
    public String url(String path) {
        return "ftp://127.0.0.1:" + port + path;
    }

    /** The transfer log lines ({@code OK DOWNLOAD} or, for ranges ended with ABOR, {@code FAIL DOWNLOAD}). */
    public List<String> downloads() throws IOException {
        if (!Files.exists(transferLog)) {
            return List.of();
        }
        return Files.readAllLines(transferLog, StandardCharsets.UTF_8).stream()
                .filter(line -> line.contains("DOWNLOAD:")).toList();
    }

    @Override
    public void close() {
        process.close();
    }
}
