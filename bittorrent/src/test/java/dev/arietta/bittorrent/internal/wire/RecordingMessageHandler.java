package dev.arietta.bittorrent.internal.wire;

import dev.arietta.core.internal.piece.Bitfield;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Records every decoded message as one line of text, payloads in hex. */
class RecordingMessageHandler implements PeerMessageHandler {

    final List<String> events = new ArrayList<>();

    private static String hex(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(data.position(), bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void onKeepAlive() {
        events.add("keep-alive");
    }

    @Override
    public void onChoke() {
        events.add("choke");
    }

    @Override
    public void onUnchoke() {
        events.add("unchoke");
    }

    @Override
    public void onInterested() {
        events.add("interested");
    }

    @Override
    public void onNotInterested() {
        events.add("not interested");
    }

    @Override
    public void onHave(int piece) {
        events.add("have " + piece);
    }

    @Override
    public void onBitfield(Bitfield pieces) {
        events.add("bitfield " + HexFormat.of().formatHex(pieces.toByteArray()));
    }

    @Override
    public void onRequest(int piece, int offset, int length) {
        events.add("request " + piece + " " + offset + " " + length);
    }

    @Override
    public void onPiece(int piece, int offset, ByteBuffer data) {
        events.add("piece " + piece + " " + offset + " " + hex(data));
    }

    @Override
    public void onCancel(int piece, int offset, int length) {
        events.add("cancel " + piece + " " + offset + " " + length);
    }

    @Override
    public void onPort(int port) {
        events.add("port " + port);
    }

    @Override
    public void onSuggest(int piece) {
        events.add("suggest " + piece);
    }

    @Override
    public void onHaveAll() {
        events.add("have all");
    }

    @Override
    public void onHaveNone() {
        events.add("have none");
    }

    @Override
    public void onReject(int piece, int offset, int length) {
        events.add("reject " + piece + " " + offset + " " + length);
    }

    @Override
    public void onAllowedFast(int piece) {
        events.add("allowed fast " + piece);
    }

    @Override
    public void onExtensionHandshake(ExtensionHandshake handshake) {
        events.add("extension handshake " + new java.util.TreeMap<>(handshake.messageIds()) + " "
                + handshake.client().orElse("-") + " " + handshake.requestQueue() + " " + handshake.yourIp()
                .map(address -> address.getHostAddress()).orElse("-") + " " + handshake.listenPort() + " "
                + handshake.metadataSize());
    }

    @Override
    public void onExtended(int extensionId, ByteBuffer payload) {
        events.add("extended " + extensionId + " " + hex(payload));
    }
}
