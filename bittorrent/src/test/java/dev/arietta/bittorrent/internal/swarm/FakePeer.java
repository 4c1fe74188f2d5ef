package dev.arietta.bittorrent.internal.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.arietta.bittorrent.internal.wire.Handshake;
import dev.arietta.bittorrent.internal.wire.MessageId;
import dev.arietta.bittorrent.internal.wire.PeerId;
import dev.arietta.bittorrent.internal.wire.ScriptedPeer.Message;
import dev.arietta.bittorrent.internal.wire.ScriptedPeer;
import dev.arietta.bittorrent.metainfo.InfoHash;
import dev.arietta.core.internal.piece.Bitfield;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A peer the test scripts message by message, talking to one of our swarms over loopback:
 * either it connects to the swarm ({@link #connectTo}) or the swarm connects to it
 * ({@link #listen} then {@link #accept}).
 */
final class FakePeer implements AutoCloseable {

    /** A request read from the swarm. */
    record Request(int piece, int offset, int length) {
    }

    final ScriptedPeer peer;
    final PeerId id;
    private ServerSocket server;

    private FakePeer(ScriptedPeer peer, PeerId id) {
        this.peer = peer;
        this.id = id;
    }

    static PeerId peerId(String name) {
        String padded = (name + "____________________").substring(0, 20);
        return PeerId.of(padded.getBytes(StandardCharsets.US_ASCII));
    }

    /** Connects to the swarm at {@code address} and completes the handshakes (fast extension on, no BEP 10). */
    static FakePeer connectTo(InetSocketAddress address, InfoHash infoHash, PeerId id) throws IOException {
        return connectTo(address, infoHash, id, true);
    }

    /** Connects to the swarm at {@code address} and completes the handshakes (no BEP 10). */
    static FakePeer connectTo(InetSocketAddress address, InfoHash infoHash, PeerId id, boolean fast)
            throws IOException {
        Socket socket = new Socket();
        socket.connect(address, 5000);
        FakePeer fake = new FakePeer(new ScriptedPeer(socket), id);
        fake.peer.writeHandshake(infoHash, id, fast, false);
        Handshake theirs = fake.peer.readHandshake();
        assertEquals(infoHash, theirs.infoHash());
        return fake;
    }

    /** A listening fake peer: give {@link #address()} to the swarm, then {@link #accept}. */
    static FakePeer listen(PeerId id) throws IOException {
        ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        FakePeer fake = new FakePeer(null, id);
        fake.server = server;
        return fake;
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** Accepts the swarm's connection and answers its handshake. */
    FakePeer accept(InfoHash infoHash) throws IOException {
        server.setSoTimeout(10_000);
        ScriptedPeer accepted = new ScriptedPeer(server.accept());
        Handshake theirs = accepted.readHandshake();
        assertEquals(infoHash, theirs.infoHash());
        accepted.writeHandshake(infoHash, id, true, false);
        return new FakePeer(accepted, id);
    }

    // ---- sending

    void send(int id, int... fields) throws IOException {
        ByteBuffer message = ByteBuffer.allocate(5 + fields.length * 4).putInt(1 + fields.length * 4).put((byte) id);
        for (int field : fields) {
            message.putInt(field);
        }
        peer.write(message.array());
    }

    void sendBitfield(Bitfield pieces) throws IOException {
        byte[] bits = pieces.toByteArray();
        peer.write(ByteBuffer.allocate(5 + bits.length).putInt(1 + bits.length).put((byte) MessageId.BITFIELD).put(bits).array());
    }

    void sendPiece(int piece, int offset, byte[] data) throws IOException {
        peer.write(ByteBuffer.allocate(13 + data.length).putInt(9 + data.length).put((byte) MessageId.PIECE).putInt(piece)
                .putInt(offset).put(data).array());
    }

    /**
     * Reads the swarm's first message (its pieces), announces {@code pieces}, waits for the
     * swarm's interest and unchokes it: requests follow.
     */
    void offer(Bitfield pieces) throws IOException {
        next();
        sendBitfield(pieces);
        await(MessageId.INTERESTED);
        send(MessageId.UNCHOKE);
    }

    /** {@link #offer} with every piece (have all). */
    void offerAll() throws IOException {
        next();
        send(MessageId.HAVE_ALL);
        await(MessageId.INTERESTED);
        send(MessageId.UNCHOKE);
    }

    // ---- receiving

    /** The next message that is not a keep-alive. */
    Message next() throws IOException {
        Message message = peer.read();
        while (message.id() < 0) {
            message = peer.read();
        }
        return message;
    }

    /** Reads until a message {@code id} arrives (others skipped) and returns it. */
    Message await(int id) throws IOException {
        List<String> skipped = new ArrayList<>();
        while (true) {
            Message message = next();
            if (message.id() == id) {
                return message;
            }
            skipped.add(message.toString());
            if (skipped.size() > 10_000) {
                fail("no message " + id + " among " + skipped.size() + " messages");
            }
        }
    }

    /** Reads {@code count} requests, skipping other messages. */
    List<Request> awaitRequests(int count) throws IOException {
        List<Request> requests = new ArrayList<>();
        while (requests.size() < count) {
            ByteBuffer payload = await(MessageId.REQUEST).buffer();
            requests.add(new Request(payload.getInt(), payload.getInt(), payload.getInt()));
        }
        return requests;
    }

    /** The requests that arrive until none has come for {@code quietMillis} (other messages skipped). */
    List<Request> requestsUntilQuiet(int quietMillis) throws IOException {
        List<Request> requests = new ArrayList<>();
        int usual = peer.socket.getSoTimeout();
        peer.socket.setSoTimeout(quietMillis);
        try {
            while (true) {
                Message message = next();
                if (message.id() == MessageId.REQUEST) {
                    requests.add(request(message));
                }
            }
        } catch (java.net.SocketTimeoutException quiet) {
            return requests;
        } finally {
            peer.socket.setSoTimeout(usual);
        }
    }

    static Request request(Message message) {
        ByteBuffer payload = message.buffer();
        return new Request(payload.getInt(), payload.getInt(), payload.getInt());
    }

    /**
     * Seeds {@code content} on a background thread: announces every piece, unchokes, and
     * answers each request until the connection ends.
     *
     * @return completes when the connection ended (normally, with the requests served)
     */
    CompletableFuture<Integer> seedInBackground(byte[] content, int pieceLength) {
        return serveInBackground(content, pieceLength, true, List.of());
    }

    /**
     * Answers, on a background thread, the requests already read ({@code asked}) and then each
     * new one until the connection ends; the peer has already offered its pieces and unchoked.
     */
    CompletableFuture<Integer> serveInBackground(byte[] content, int pieceLength, List<Request> asked) {
        return serveInBackground(content, pieceLength, false, asked);
    }

    private CompletableFuture<Integer> serveInBackground(byte[] content, int pieceLength, boolean offer,
                                                         List<Request> asked) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            int served = 0;
            try {
                if (offer) {
                    send(MessageId.HAVE_ALL);
                    send(MessageId.UNCHOKE);
                }
                for (Request request : asked) {
                    answer(request, content, pieceLength);
                    served++;
                }
                while (true) {
                    Message message = next();
                    if (message.id() == MessageId.REQUEST) {
                        answer(request(message), content, pieceLength);
                        served++;
                    }
                }
            } catch (IOException ended) {
                done.complete(served);
            } catch (RuntimeException | AssertionError e) {
                done.completeExceptionally(e);
            }
        }, "fake-seeder");
        thread.setDaemon(true);
        thread.start();
        return done;
    }

    private void answer(Request request, byte[] content, int pieceLength) throws IOException {
        int start = request.piece() * pieceLength + request.offset();
        sendPiece(request.piece(), request.offset(), Arrays.copyOfRange(content, start, start + request.length()));
    }

    @Override
    public void close() throws IOException {
        if (peer != null) {
            peer.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
