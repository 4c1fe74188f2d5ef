package dev.arietta.bittorrent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real aria2c seeding or leeching one torrent through its trackers, on a free port bound to
 * 127.0.0.1, with DHT, LPD and PEX off and no configuration file. It exits by itself when the
 * test JVM dies ({@code --stop-with-process}); {@link #close()} kills it.
 *
 * <p>A seeder checks the payload ({@code -V}) and seeds without a ratio limit
 * ({@code --seed-ratio=0.0}); wait for it to be counted as a seeder with
 * {@link OpenTrackerProcess#awaitSeeders}. A leecher exits with code 0 once the download is
 * complete ({@code --seed-time=0}): see {@link #awaitExit}.
 *
 * <p>aria2c speaks UDP tracker protocol only with DHT on, so with these options it announces
 * to HTTP trackers only: give its torrents an HTTP tier.
 *
 * <p>Thread-safe.
 */
public final class Aria2Peer implements AutoCloseable {

    private final RunningProcess process;
    private final int port;

    private Aria2Peer(RunningProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Seeds {@code torrentFile} from {@code directory}, which holds the payload under the torrent's name. */
    public static Aria2Peer seed(Path torrentFile, Path directory, List<String> extraOptions) throws IOException {
        List<String> options = new ArrayList<>(List.of("--seed-ratio=0.0", "-V", "--bt-seed-unverified=false"));
        options.addAll(extraOptions);
        return start("aria2c seeder", torrentFile, directory, options);
    }

    /** Leeches {@code torrentFile} into {@code directory} and exits when complete. */
    public static Aria2Peer leech(Path torrentFile, Path directory, List<String> extraOptions) throws IOException {
        List<String> options = new ArrayList<>(List.of("--seed-time=0"));
        options.addAll(extraOptions);
        return start("aria2c leecher", torrentFile, directory, options);
    }

    private static Aria2Peer start(String name, Path torrentFile, Path directory, List<String> options)
            throws IOException {
        ExternalProgram.require(ExternalProgram.ARIA2C, "aria2");
        Files.createDirectories(directory);
        int port = ExternalProgram.freePort();
        List<String> command = new ArrayList<>(List.of(ExternalProgram.ARIA2C.toString(), "--no-conf",
                "--enable-dht=false", "--enable-dht6=false", "--bt-enable-lpd=false",
                "--enable-peer-exchange=false", "--listen-port=" + port, "--interface=127.0.0.1",
                "--dir=" + directory.toAbsolutePath(), "--file-allocation=none", "--auto-file-renaming=false",
                "--allow-overwrite=true", "--summary-interval=0", "--console-log-level=warn",
                "--bt-save-metadata=false", "--stop-with-process=" + ProcessHandle.current().pid()));
        command.addAll(options);
        command.add(torrentFile.toAbsolutePath().toString());
        return new Aria2Peer(RunningProcess.start(name, command, directory), port);
    }

    /** The BitTorrent listen port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** Whether aria2c is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits for aria2c to end.
     *
     * @return its exit code (0 when a leecher completed the download)
     */
    public int awaitExit(Duration timeout) {
        return process.awaitExit(timeout);
    }

    /** An assertion failure carrying aria2c's output and standard error. */
    public AssertionError failure(String what) {
        return process.failure(what);
    }

    @Override
    public void close() {
        process.close();
    }
}
