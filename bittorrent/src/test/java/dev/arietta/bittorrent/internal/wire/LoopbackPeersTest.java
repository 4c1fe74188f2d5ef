package dev.arietta.bittorrent.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.bittorrent.metainfo.InfoHash;
import dev.arietta.core.internal.loop.Connector;
import dev.arietta.core.internal.loop.HostResolver;
import dev.arietta.core.internal.piece.Bitfield;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Our connector and our acceptor talking to each other over loopback. */
class LoopbackPeersTest {

    private static final InfoHash INFO_HASH = InfoHash.ofHex("5555555555555555555555555555555555555555");
    private static final PeerId SEEDER_ID = PeerId.of("-AT0100-seeder000000".getBytes(StandardCharsets.US_ASCII));
    private static final PeerId LEECHER_ID = PeerId.of("-AT0100-leecher00000".getBytes(StandardCharsets.US_ASCII));
    private static final int PIECE_LENGTH = 64 * 1024;
    private static final int PIECE_COUNT = 5;
    private static final byte[] CONTENT = WireBytes.pattern(4 * PIECE_LENGTH + 10_000, 42);
    private static final ExtensionHandshake EXTENSIONS = new ExtensionHandshake(Map.of("ut_metadata", 1),
            Optional.of("Arietta test"), OptionalInt.empty(), Optional.empty(), OptionalInt.empty(), OptionalLong.empty());

    private final LoopFixture fixture = new LoopFixture();
    private final PeerWireBuffers buffers = PeerWireBuffers.createDefault();
    private final HostResolver loopbackResolver = host -> CompletableFuture.completedFuture(
            List.of(InetAddress.getLoopbackAddress()));
    private PeerAcceptor acceptor;

    LoopbackPeersTest() throws IOException {
    }

    @AfterEach
    void closeAll() throws Exception {
        if (acceptor != null) {
            fixture.run(acceptor::close);
        }
        fixture.close();
    }

    private static HandshakeParams params(PeerId peerId) {
        return new HandshakeParams(INFO_HASH, peerId, EXTENSIONS, PIECE_COUNT, PIECE_LENGTH, CONTENT.length);
    }

    private static int pieceSize(int piece) {
        return piece == PIECE_COUNT - 1 ? CONTENT.length - (PIECE_COUNT - 1) * PIECE_LENGTH : PIECE_LENGTH;
    }

    /** Serves every request from {@link #CONTENT} and unchokes whoever is interested. */
    static final class SeedingListener extends RecordingPeerListener {
        SeedingListener() {
            Bitfield all = new Bitfield(PIECE_COUNT);
            all.setAll();
            onHandshakeAction = peer -> peer.sendBitfield(all);
        }

        @Override
        public void onInterestChanged(PeerConnection peer, boolean interested) {
            super.onInterestChanged(peer, interested);
            if (interested) {
                peer.unchoke();
            }
        }

        @Override
        public void onRequest(PeerConnection peer, int piece, int offset, int length) {
            super.onRequest(peer, piece, offset, length);
            peer.sendBlock(piece, offset, ByteBuffer.wrap(CONTENT, piece * PIECE_LENGTH + offset, length));
        }
    }

    /** Wants every block, requests as the pipeline allows, and assembles the content. */
    static final class LeechingListener extends RecordingPeerListener {
        final byte[] received = new byte[CONTENT.length];
        final CompletableFuture<Void> done = new CompletableFuture<>();
        private int nextPiece;
        private int nextOffset;
        private int receivedBlocks;
        private final int totalBlocks;

        LeechingListener() {
            int blocks = 0;
            for (int piece = 0; piece < PIECE_COUNT; piece++) {
                blocks += (pieceSize(piece) + PeerWireLimits.BLOCK_LENGTH - 1) / PeerWireLimits.BLOCK_LENGTH;
            }
            totalBlocks = blocks;
        }

        @Override
        public void onBitfield(PeerConnection peer, Bitfield pieces) {
            super.onBitfield(peer, pieces);
            peer.setInterested(pieces.isFull());
        }

        @Override
        public void onChokeChanged(PeerConnection peer, boolean choked) {
            super.onChokeChanged(peer, choked);
            requestMore(peer);
        }

        @Override
        public void onBlock(PeerConnection peer, int piece, int offset, ByteBuffer data) {
            data.get(data.position(), received, piece * PIECE_LENGTH + offset, data.remaining());
            if (++receivedBlocks == totalBlocks) {
                done.complete(null);
            }
            requestMore(peer);
        }

        private void requestMore(PeerConnection peer) {
            while (!peer.peerChoking() && peer.requestCapacity() > 0 && nextPiece < PIECE_COUNT) {
                int length = Math.min(PeerWireLimits.BLOCK_LENGTH, pieceSize(nextPiece) - nextOffset);
                peer.request(nextPiece, nextOffset, length);
                nextOffset += length;
                if (nextOffset == pieceSize(nextPiece)) {
                    nextPiece++;
                    nextOffset = 0;
                }
            }
        }
    }

    @Test
    void connectorAndAcceptorExchangeAWholeTorrent() throws Exception {
        SeedingListener seeder = new SeedingListener();
        AtomicInteger routed = new AtomicInteger();
        acceptor = fixture.call(() -> PeerAcceptor.open(fixture.loop, buffers, InetAddress.getLoopbackAddress(), 0, 0,
                infoHash -> {
                    routed.incrementAndGet();
                    return infoHash.equals(INFO_HASH) ? Optional.of(new TorrentEndpoint(params(SEEDER_ID), seeder))
                            : Optional.empty();
                }));
        LeechingListener leecher = new LeechingListener();
        PeerConnector connector = new PeerConnector(fixture.loop, new Connector(fixture.loop, loopbackResolver), buffers);
        DefaultPeerConnection outgoing = fixture.call(() -> connector.connect(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), acceptor.port()), params(LEECHER_ID), leecher));

        leecher.done.get(LoopFixture.WAIT_SECONDS, TimeUnit.SECONDS);
        assertArrayEquals(CONTENT, leecher.received);
        assertEquals(1, routed.get());
        leecher.expect("handshake fast=true extended=true");
        assertEquals("extension handshake {ut_metadata=1} reqq=OptionalInt[500] v=Arietta test", leecher.next());
        assertEquals("bitfield f8", leecher.next(), "have all, seen as a full bitfield");
        leecher.expect("unchoked");
        seeder.expect("handshake fast=true extended=true");
        assertEquals("extension handshake {ut_metadata=1} reqq=OptionalInt[500] v=Arietta test", seeder.next());
        seeder.expect("interested", "request 0 0 16384");

        assertEquals(CONTENT.length, (long) fixture.call(outgoing::downloadedBytes));
        assertEquals(SEEDER_ID, fixture.call(outgoing::peerId));
        assertFalse(fixture.call(outgoing::isIncoming));
        PeerConnection incoming = seeder.connection;
        assertTrue(fixture.call(incoming::isIncoming));
        assertEquals(LEECHER_ID, fixture.call(incoming::peerId));
        assertEquals(CONTENT.length, (long) fixture.call(incoming::uploadedBytes));
        assertEquals(0, (int) fixture.call(acceptor::pendingHandshakes));

        fixture.run(() -> outgoing.close(PeerCloseReason.NOT_USEFUL));
        leecher.awaitStartingWith("closed NOT_USEFUL");
        assertEquals("closed REMOTE: connection closed by the peer", seeder.awaitStartingWith("closed "));
    }

    @Test
    void acceptorClosesConnectionsForUnknownTorrents() throws Exception {
        acceptor = fixture.call(() -> PeerAcceptor.open(fixture.loop, buffers, InetAddress.getLoopbackAddress(), 0, 0,
                infoHash -> Optional.empty()));
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), acceptor.port());
                ScriptedPeer peer = new ScriptedPeer(socket)) {
            peer.writeHandshake(INFO_HASH, LEECHER_ID, true, true);
            peer.expectEndOfStream();
        }
        assertEquals(0, (int) fixture.call(acceptor::pendingHandshakes));
    }

    @Test
    void acceptorAnswersAfterTheInfoHashEvenBeforeThePeerId() throws Exception {
        SeedingListener seeder = new SeedingListener();
        acceptor = fixture.call(() -> PeerAcceptor.open(fixture.loop, buffers, InetAddress.getLoopbackAddress(), 0, 0,
                infoHash -> Optional.of(new TorrentEndpoint(params(SEEDER_ID), seeder))));
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), acceptor.port());
                ScriptedPeer peer = new ScriptedPeer(socket)) {
            byte[] handshake = new Handshake(Handshake.reservedWith(false, false, false), INFO_HASH, LEECHER_ID).toByteArray();
            peer.write(java.util.Arrays.copyOf(handshake, Handshake.INFO_HASH_END));
            Handshake answer = peer.readHandshake();
            assertEquals(SEEDER_ID, answer.peerId());
            assertTrue(answer.fastExtension() && answer.extensionProtocol());
            assertEquals(1, (int) fixture.call(acceptor::pendingHandshakes));
            peer.write(java.util.Arrays.copyOfRange(handshake, Handshake.INFO_HASH_END, Handshake.LENGTH));
            seeder.expect("handshake fast=false extended=false");
            assertEquals("f8", java.util.HexFormat.of().formatHex(peer.expect(MessageId.BITFIELD).payload()));
            assertEquals(0, (int) fixture.call(acceptor::pendingHandshakes));
        }
    }

    @Test
    void connectingToOurselvesIsDetected() throws Exception {
        RecordingPeerListener accepted = new RecordingPeerListener();
        acceptor = fixture.call(() -> PeerAcceptor.open(fixture.loop, buffers, InetAddress.getLoopbackAddress(), 0, 0,
                infoHash -> Optional.of(new TorrentEndpoint(params(SEEDER_ID), accepted))));
        RecordingPeerListener dialled = new RecordingPeerListener();
        PeerConnector connector = new PeerConnector(fixture.loop, new Connector(fixture.loop, loopbackResolver), buffers);
        fixture.run(() -> connector.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), acceptor.port()),
                params(SEEDER_ID), dialled));
        // The accepting end sees its own peer id first and closes before its handshake is flushed.
        assertEquals("closed SELF_CONNECTION: connected to ourselves (peer id -AT0100-seeder000000)", accepted.next());
        assertEquals("closed REMOTE: connection closed by the peer", dialled.next());
    }

    @Test
    void connectFailureIsReportedAsANetworkError() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        RecordingPeerListener dialled = new RecordingPeerListener();
        PeerConnector connector = new PeerConnector(fixture.loop, new Connector(fixture.loop, loopbackResolver), buffers);
        DefaultPeerConnection connection = fixture.call(() -> connector.connect(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), closedPort), params(LEECHER_ID), dialled));
        assertTrue(dialled.next().startsWith("closed NETWORK_ERROR: connecting to "), "refused");
        assertTrue((boolean) fixture.call(connection::isClosed));
        assertThrows(IllegalStateException.class, () -> fixture.call(connection::peerId));
    }

    @Test
    void bindsTheFirstFreePortOfTheRange() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            // The next port may be taken by someone else too; a range of 20 leaves room.
            acceptor = fixture.call(() -> PeerAcceptor.open(fixture.loop, buffers, InetAddress.getLoopbackAddress(), port,
                    Math.min(65535, port + 20), infoHash -> Optional.empty()));
            assertTrue(acceptor.port() > port && acceptor.port() <= port + 20, "bound " + acceptor.port());
            BindException none = assertThrows(BindException.class, () -> fixture.call(() -> PeerAcceptor.open(
                    fixture.loop, buffers, InetAddress.getLoopbackAddress(), port, port, infoHash -> Optional.empty())));
            assertEquals("no free port in 127.0.0.1:" + port + "-" + port, none.getMessage());
        }
    }
}
