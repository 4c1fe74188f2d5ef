package dev.arietta.bittorrent.it;

import dev.arietta.bencode.BDocument;
import dev.arietta.bencode.BNode;
import dev.arietta.bencode.Bencode;
import dev.arietta.bittorrent.metainfo.InfoHash;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real opentracker on 127.0.0.1, HTTP and UDP on one free port, serving only the
 * whitelisted info-hashes (Debian builds it in whitelist mode).
 *
 * <p>The invocation that works with Debian's build: {@code opentracker -i 127.0.0.1 -p PORT
 * -P PORT -d DIR -w whitelist.txt}, plus {@code -u nobody} when run as root (it refuses to
 * keep root). {@code -d} is a chroot when root, so the whitelist path is relative to it and the
 * directory must be readable by {@code nobody}.
 *
 * <p>Thread-safe. {@link #close()} stops the tracker.
 */
public final class OpenTrackerProcess implements AutoCloseable {

    /** How long opentracker gets to listen after starting. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final RunningProcess process;
    private final int port;

    private OpenTrackerProcess(RunningProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts opentracker with a whitelist of {@code infoHashes}, in a new subdirectory of
     * {@code workDirectory}, and waits until it accepts TCP connections.
     */
    public static OpenTrackerProcess start(Path workDirectory, Collection<InfoHash> infoHashes) throws IOException {
        ExternalProgram.require(ExternalProgram.OPENTRACKER, "opentracker");
        Path root = Files.createTempDirectory(workDirectory, "opentracker");
        StringBuilder whitelist = new StringBuilder();
        for (InfoHash hash : infoHashes) {
            whitelist.append(hash.hex()).append('\n');
        }
        Path whitelistFile = root.resolve("whitelist.txt");
        Files.writeString(whitelistFile, whitelist.toString(), StandardCharsets.US_ASCII);
        // After dropping root, opentracker reads the whitelist inside its chroot as nobody.
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(whitelistFile, PosixFilePermissions.fromString("rw-r--r--"));
        AssertionError lastFailure = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = ExternalProgram.freePort();
            List<String> command = new ArrayList<>(List.of(ExternalProgram.OPENTRACKER.toString(),
                    "-i", "127.0.0.1", "-p", Integer.toString(port), "-P", Integer.toString(port),
                    "-d", root.toString(), "-w", "whitelist.txt"));
            if ("root".equals(System.getProperty("user.name"))) {
                command.addAll(List.of("-u", "nobody"));
            }
            RunningProcess process = RunningProcess.start("opentracker", command, root);
            try {
                process.awaitListening(port, START_TIMEOUT);
                return new OpenTrackerProcess(process, port);
            } catch (AssertionError failure) {
                process.close();
                lastFailure = failure;
            }
        }
        throw lastFailure;
    }

    /** The TCP and UDP port. */
    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT/announce}. */
    public URI httpAnnounceUri() {
        return URI.create("http://127.0.0.1:" + port + "/announce");
    }

    /** {@code udp://127.0.0.1:PORT/announce}. */
    public URI udpAnnounceUri() {
        return URI.create("udp://127.0.0.1:" + port + "/announce");
    }

    /** What the tracker knows of one torrent, from an HTTP scrape. */
    public record Counts(long complete, long incomplete, long downloaded) {
    }

    /** Scrapes {@code infoHash} over HTTP (a plain socket, independent of the code under test). */
    public Counts scrape(InfoHash infoHash) throws IOException {
        StringBuilder encoded = new StringBuilder();
        for (byte b : infoHash.bytes()) {
            encoded.append('%').append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
        }
        byte[] response;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /scrape?info_hash=" + encoded + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            response = all.toByteArray();
        }
        int bodyStart = indexOf(response, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (bodyStart < 0) {
            throw new IOException("opentracker scrape: no response head in " + response.length + " bytes");
        }
        byte[] body = java.util.Arrays.copyOfRange(response, bodyStart + 4, response.length);
        BDocument document = Bencode.decode(body);
        BNode files = document.root().getDictionary("files");
        List<BNode> entries = new ArrayList<>();
        files.forEachEntry((key, value) -> {
            if (key.rawLength() == InfoHash.LENGTH + 3 && infoHash.matches(key.rawBytes(), 3)) {
                entries.add(value);
            }
        });
        if (entries.isEmpty()) {
            return new Counts(0, 0, 0);
        }
        BNode entry = entries.get(0);
        return new Counts(entry.getLong("complete"), entry.getLong("incomplete"), entry.getLong("downloaded"));
    }

    /** Waits until the tracker counts at least {@code seeders} seeders of {@code infoHash}. */
    public void awaitSeeders(InfoHash infoHash, int seeders, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Counts counts = scrape(infoHash);
        while (counts.complete() < seeders) {
            if (System.nanoTime() > deadline) {
                throw process.failure("counted " + counts + " for " + infoHash + ", not " + seeders
                        + " seeders, within " + timeout.toSeconds() + " s");
            }
            try {
                TimeUnit.MILLISECONDS.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            counts = scrape(infoHash);
        }
    }

    /** Standard error of the tracker so far. */
    public String stderr() {
        return process.stderr();
    }

    @Override
    public void close() {
        process.close();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
