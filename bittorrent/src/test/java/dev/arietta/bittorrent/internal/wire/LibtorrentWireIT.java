package dev.arietta.bittorrent.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.bittorrent.it.LibtorrentPeer;
import dev.arietta.bittorrent.it.TorrentFixtures;
import dev.arietta.bittorrent.it.TorrentFixtures.CreatedTorrent;
import dev.arietta.bittorrent.it.TorrentFixtures.TorrentSpec;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import dev.arietta.bittorrent.metainfo.TorrentParser;
import dev.arietta.core.internal.loop.Connector;
import dev.arietta.core.internal.loop.DefaultHostResolver;
import dev.arietta.core.internal.loop.EventLoop;
import dev.arietta.core.internal.piece.Bitfield;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our peer wire against a real libtorrent 2.0 seeder on 127.0.0.1 (uTP off): handshakes both
 * ways, its extension handshake and have-all, then blocks checked against the file.
 */
class LibtorrentWireIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(40);
    private static final long PAYLOAD_LENGTH = 1024 * 1024 + 12_345;

    @TempDir
    Path directory;

    private EventLoop loop;
    private byte[] payload;
    private CreatedTorrent torrent;
    private TorrentMetainfo metainfo;
    private final PeerWireBuffers buffers = PeerWireBuffers.createDefault();

    @BeforeEach
    void createTorrent() throws Exception {
        Path file = TorrentFixtures.randomFile(directory.resolve("seed/payload.bin"), PAYLOAD_LENGTH, 99);
        payload = Files.readAllBytes(file);
        torrent = TorrentFixtures.createTorrent(file, directory.resolve("payload.torrent"), TorrentSpec.defaults());
        metainfo = new TorrentParser().parse(torrent.torrentFile());
        loop = EventLoop.start(1, System::nanoTime);
    }

    @AfterEach
    void closeLoop() {
        if (loop != null) {
            loop.close();
        }
    }

    private HandshakeParams params() {
        ExtensionHandshake ours = new ExtensionHandshake(Map.of(), Optional.of("Arietta 0.1.0"), OptionalInt.empty(),
                Optional.empty(), OptionalInt.empty(), OptionalLong.empty());
        return new HandshakeParams(metainfo.infoHash(), PeerIds.generate(PeerIds.DEFAULT_PREFIX, new SplittableRandom(5)),
                ours, metainfo.pieceCount(), metainfo.pieceLength(), metainfo.totalLength());
    }

    /** Announces no pieces, asks for a few blocks once unchoked, and checks them against the payload. */
    final class Downloader extends RecordingPeerListener {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final Map<String, byte[]> received = new ConcurrentHashMap<>();
        volatile ExtensionHandshake theirExtensions;
        volatile Bitfield theirPieces;
        private final int[][] wanted;
        private boolean requested;

        /** @param wanted blocks as {piece, offset, length} */
        Downloader(int[]... wanted) {
            this.wanted = wanted;
            onHandshakeAction = peer -> peer.sendBitfield(new Bitfield(metainfo.pieceCount()));
        }

        @Override
        public void onExtensionHandshake(PeerConnection peer, ExtensionHandshake handshake) {
            theirExtensions = handshake;
            super.onExtensionHandshake(peer, handshake);
        }

        @Override
        public void onBitfield(PeerConnection peer, Bitfield pieces) {
            theirPieces = pieces;
            super.onBitfield(peer, pieces);
            peer.setInterested(true);
        }

        @Override
        public void onChokeChanged(PeerConnection peer, boolean choked) {
            super.onChokeChanged(peer, choked);
            if (!choked && !requested) {
                requested = true;
                for (int[] block : wanted) {
                    peer.request(block[0], block[1], block[2]);
                }
            }
        }

        @Override
        public void onBlock(PeerConnection peer, int piece, int offset, ByteBuffer data) {
            byte[] bytes = new byte[data.remaining()];
            data.get(data.position(), bytes);
            received.put(piece + "/" + offset, bytes);
            events.add("block " + piece + " " + offset + " " + bytes.length);
            if (received.size() == wanted.length) {
                done.complete(null);
            }
        }

        @Override
        public void onClosed(PeerConnection peer, PeerCloseReason reason, String detail) {
            super.onClosed(peer, reason, detail);
            done.completeExceptionally(new AssertionError("closed " + reason + ": " + detail + "; events " + events));
        }

        void check() {
            for (int[] block : wanted) {
                long start = (long) block[0] * metainfo.pieceLength() + block[1];
                assertArrayEquals(Arrays.copyOfRange(payload, (int) start, (int) start + block[2]),
                        received.get(block[0] + "/" + block[1]), "piece " + block[0] + " offset " + block[1]);
            }
            assertTrue(theirPieces.isFull(), "a seeder has every piece");
            assertTrue(theirExtensions.client().orElse("").startsWith("libtorrent"), theirExtensions.toString());
            assertTrue(theirExtensions.messageId("ut_metadata").isPresent(), theirExtensions.toString());
            assertEquals(OptionalLong.of(metainfo.rawInfoLength()), theirExtensions.metadataSize());
        }
    }

    private int[][] someBlocks() {
        int last = metainfo.pieceCount() - 1;
        int lastSize = metainfo.pieceSize(last);
        int lastOffset = (lastSize - 1) / PeerWireLimits.BLOCK_LENGTH * PeerWireLimits.BLOCK_LENGTH;
        return new int[][] {{0, 0, 16384}, {0, 16384, 16384}, {7, 16384, 16384}, {last, lastOffset, lastSize - lastOffset}};
    }

    @Test
    void downloadsBlocksFromALibtorrentSeederWeConnectTo() throws Exception {
        try (LibtorrentPeer seeder = LibtorrentPeer.seed(torrent.torrentFile(), torrent.saveDirectory(), List.of())) {
            seeder.awaitSeeding(TIMEOUT);
            Downloader downloader = new Downloader(someBlocks());
            PeerConnector connector = new PeerConnector(loop, new Connector(loop, new DefaultHostResolver(Runnable::run)),
                    buffers);
            CompletableFuture<DefaultPeerConnection> connection = new CompletableFuture<>();
            loop.execute(() -> connection.complete(connector.connect(seeder.address(), params(), downloader)));
            downloader.done.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            downloader.check();
            assertEquals("handshake fast=true extended=true", downloader.events.peek());
            DefaultPeerConnection peer = connection.get();
            CompletableFuture<Long> downloaded = new CompletableFuture<>();
            loop.execute(() -> downloaded.complete(peer.downloadedBytes()));
            long expected = Arrays.stream(someBlocks()).mapToLong(block -> block[2]).sum();
            assertEquals(expected, downloaded.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void libtorrentConnectsToOurAcceptor() throws Exception {
        Downloader downloader = new Downloader(someBlocks());
        CompletableFuture<PeerAcceptor> opened = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                opened.complete(PeerAcceptor.open(loop, buffers, InetAddress.getLoopbackAddress(), 0, 0,
                        infoHash -> infoHash.equals(metainfo.infoHash())
                                ? Optional.of(new TorrentEndpoint(params(), downloader)) : Optional.empty()));
            } catch (Exception e) {
                opened.completeExceptionally(e);
            }
        });
        PeerAcceptor acceptor = opened.get(10, TimeUnit.SECONDS);
        InetSocketAddress ours = new InetSocketAddress("127.0.0.1", acceptor.port());
        try (LibtorrentPeer seeder = LibtorrentPeer.seed(torrent.torrentFile(), torrent.saveDirectory(), List.of(ours))) {
            downloader.done.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            downloader.check();
            assertTrue((boolean) CompletableFuture.supplyAsync(() -> downloader.connection.isIncoming(), loop)
                    .get(10, TimeUnit.SECONDS));
        } finally {
            loop.execute(acceptor::close);
        }
    }
}
