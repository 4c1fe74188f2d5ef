package dev.arietta.bittorrent.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real libtorrent 2.0 peer (python3-libtorrent, driven by {@code it/libtorrent_peer.py})
 * seeding or leeching one torrent on 127.0.0.1.
 *
 * <p>Its session listens on a free loopback TCP port ({@link #port()}); uTP, DHT, LSD, UPnP
 * and NAT-PMP are off; several connections per IP are allowed (every test peer is
 * 127.0.0.1); connection and buffer settings favour loopback speed. It announces to the
 * torrent's trackers and, when given, connects to peers directly (retrying until one holds).
 * {@link #close()} closes its standard input (the script's signal to quit), then kills it.
 *
 * <p>Thread-safe.
 */
public final class LibtorrentPeer implements AutoCloseable {

    /** How long the script gets to start its session. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final RunningProcess process;
    private final int port;

    private LibtorrentPeer(RunningProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Seeds {@code torrentFile} from {@code saveDirectory} (which holds the payload under the
     * torrent's name); the check of the payload runs in the background: see {@link #awaitSeeding}.
     *
     * @param peers peers to connect to directly; empty to rely on the torrent's trackers
     */
    public static LibtorrentPeer seed(Path torrentFile, Path saveDirectory, List<InetSocketAddress> peers)
            throws IOException {
        return start("seed", torrentFile, saveDirectory, peers);
    }

    /**
     * Leeches {@code torrentFile} into {@code saveDirectory}; {@link #awaitFinished} waits for
     * every piece.
     *
     * @param peers peers to connect to directly; empty to rely on the torrent's trackers
     */
    public static LibtorrentPeer leech(Path torrentFile, Path saveDirectory, List<InetSocketAddress> peers)
            throws IOException {
        return start("leech", torrentFile, saveDirectory, peers);
    }

    private static LibtorrentPeer start(String mode, Path torrentFile, Path saveDirectory,
            List<InetSocketAddress> peers) throws IOException {
        Files.createDirectories(saveDirectory);
        Path work = Files.createTempDirectory(torrentFile.toAbsolutePath().getParent(), "libtorrent-" + mode);
        List<String> arguments = new ArrayList<>(List.of(mode, "--torrent", torrentFile.toAbsolutePath().toString(),
                "--save", saveDirectory.toAbsolutePath().toString()));
        for (InetSocketAddress peer : peers) {
            arguments.add("--peer");
            // An IP literal: the Python bindings take no host name ("localhost") for an endpoint.
            arguments.add(peer.getAddress().getHostAddress() + ":" + peer.getPort());
        }
        RunningProcess process = RunningProcess.start("libtorrent " + mode + "er",
                LibtorrentScript.command(work, arguments), work);
        try {
            String line = process.awaitLine(text -> text.startsWith("listening "), "its listen port", START_TIMEOUT);
            int port = Integer.parseInt(line.substring("listening ".length()).trim());
            if (port <= 0) {
                throw process.failure("could not listen on 127.0.0.1");
            }
            return new LibtorrentPeer(process, port);
        } catch (RuntimeException | AssertionError failure) {
            process.close();
            throw failure;
        }
    }

    /** The TCP listen port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:port}. */
    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /** Waits until every piece is verified (the seeder's check is done, or the leecher finished). */
    public void awaitSeeding(Duration timeout) {
        process.awaitLine("seeding"::equals, "seeding", timeout);
    }

    /** Waits until a leecher has downloaded every piece. */
    public void awaitFinished(Duration timeout) {
        process.awaitLine("finished"::equals, "a finished download", timeout);
    }

    /** Waits until a tracker answered an announce. */
    public void awaitAnnounced(Duration timeout) {
        process.awaitLine(text -> text.startsWith("announced "), "a tracker reply", timeout);
    }

    /** The first error the peer reported, if any. */
    public java.util.Optional<String> error() {
        return process.findLine(text -> text.startsWith("error "));
    }

    /** An assertion failure carrying the peer's output and standard error. */
    public AssertionError failure(String what) {
        return process.failure(what);
    }

    @Override
    public void close() {
        process.close();
    }
}
