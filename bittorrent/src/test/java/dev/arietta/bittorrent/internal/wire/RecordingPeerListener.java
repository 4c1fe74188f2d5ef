package dev.arietta.bittorrent.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.arietta.core.internal.piece.Bitfield;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Records every callback as a line of text, in order, for the test thread to wait on. Blocks
 * are recorded with their length and first bytes, and their full data kept.
 */
class RecordingPeerListener implements PeerListener {

    final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
    final List<byte[]> blocks = new ArrayList<>();
    /** Runs inside onHandshake, e.g. to send the bitfield. */
    volatile Consumer<PeerConnection> onHandshakeAction = peer -> { };
    volatile boolean acceptHandshake = true;
    volatile PeerConnection connection;
    /** Makes {@link #onHave} throw after recording. */
    volatile boolean failOnHave;

    /** The next event, failing after {@link LoopFixture#WAIT_SECONDS}. */
    String next() throws InterruptedException {
        String event = events.poll(LoopFixture.WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(event, "no event within " + LoopFixture.WAIT_SECONDS + " s");
        return event;
    }

    void expect(String... expected) throws InterruptedException {
        for (String event : expected) {
            assertEquals(event, next());
        }
    }

    /** Skips events until one starting with {@code prefix}, which is returned. */
    String awaitStartingWith(String prefix) throws InterruptedException {
        while (true) {
            String event = next();
            if (event.startsWith(prefix)) {
                return event;
            }
        }
    }

    @Override
    public boolean onHandshake(PeerConnection peer) {
        connection = peer;
        events.add("handshake fast=" + peer.fastExtension() + " extended=" + peer.extensionProtocol());
        onHandshakeAction.accept(peer);
        return acceptHandshake;
    }

    @Override
    public void onExtensionHandshake(PeerConnection peer, ExtensionHandshake handshake) {
        events.add("extension handshake " + new java.util.TreeMap<>(handshake.messageIds()) + " reqq="
                + handshake.requestQueue() + " v=" + handshake.client().orElse("-"));
    }

    @Override
    public void onBitfield(PeerConnection peer, Bitfield pieces) {
        events.add("bitfield " + HexFormat.of().formatHex(pieces.toByteArray()));
    }

    @Override
    public void onHave(PeerConnection peer, int piece) {
        events.add("have " + piece);
        if (failOnHave) {
            throw new IllegalStateException("failing on purpose");
        }
    }

    @Override
    public void onChokeChanged(PeerConnection peer, boolean choked) {
        events.add(choked ? "choked" : "unchoked");
    }

    @Override
    public void onInterestChanged(PeerConnection peer, boolean interested) {
        events.add(interested ? "interested" : "not interested");
    }

    @Override
    public void onBlock(PeerConnection peer, int piece, int offset, ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(data.position(), bytes);
        synchronized (blocks) {
            blocks.add(bytes);
        }
        events.add("block " + piece + " " + offset + " " + bytes.length);
    }

    @Override
    public void onRequestFailed(PeerConnection peer, int piece, int offset, int length, RequestFailure reason) {
        events.add("failed " + piece + " " + offset + " " + length + " " + reason);
    }

    @Override
    public void onRequest(PeerConnection peer, int piece, int offset, int length) {
        events.add("request " + piece + " " + offset + " " + length);
    }

    @Override
    public void onCancel(PeerConnection peer, int piece, int offset, int length) {
        events.add("cancel " + piece + " " + offset + " " + length);
    }

    @Override
    public void onSuggest(PeerConnection peer, int piece) {
        events.add("suggest " + piece);
    }

    @Override
    public void onAllowedFast(PeerConnection peer, int piece) {
        events.add("allowed fast " + piece);
    }

    @Override
    public void onExtended(PeerConnection peer, int extensionId, ByteBuffer payload) {
        byte[] bytes = new byte[payload.remaining()];
        payload.get(payload.position(), bytes);
        events.add("extended " + extensionId + " " + HexFormat.of().formatHex(bytes));
    }

    @Override
    public void onDhtPort(PeerConnection peer, int port) {
        events.add("dht port " + port);
    }

    @Override
    public void onWritable(PeerConnection peer) {
        events.add("writable");
    }

    @Override
    public void onClosed(PeerConnection peer, PeerCloseReason reason, String detail) {
        events.add("closed " + reason + ": " + detail);
    }
}
