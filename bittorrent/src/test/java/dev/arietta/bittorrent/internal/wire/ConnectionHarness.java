package dev.arietta.bittorrent.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arietta.bittorrent.metainfo.InfoHash;
import dev.arietta.core.internal.loop.ChannelHandler;
import dev.arietta.core.internal.loop.Registration;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One {@link DefaultPeerConnection} under test, outgoing from our side to a {@link ScriptedPeer},
 * on a {@link LoopFixture}. Geometry: 10 pieces of 32 KiB, the last one 20000 bytes.
 */
final class ConnectionHarness implements AutoCloseable {

    static final InfoHash INFO_HASH = InfoHash.ofHex("00112233445566778899aabbccddeeff00112233");
    static final InfoHash OTHER_HASH = InfoHash.ofHex("ffeeddccbbaa99887766554433221100ffeeddcc");
    static final PeerId OUR_ID = PeerId.of("-AT0100-ourselves012".getBytes(StandardCharsets.US_ASCII));
    static final PeerId THEIR_ID = PeerId.of("-LT2080-theirpeer012".getBytes(StandardCharsets.US_ASCII));
    static final int PIECE_COUNT = 10;
    static final int PIECE_LENGTH = 32 * 1024;
    static final long TOTAL_LENGTH = 9L * PIECE_LENGTH + 20_000;
    static final ExtensionHandshake OUR_EXTENSIONS = new ExtensionHandshake(Map.of("ut_metadata", 2),
            Optional.of("Arietta test"), OptionalInt.empty(), Optional.empty(), OptionalInt.of(6881), OptionalLong.empty());

    final LoopFixture fixture;
    final RecordingPeerListener listener = new RecordingPeerListener();
    final PeerWireBuffers buffers = PeerWireBuffers.createDefault();
    private final ServerSocket server;
    ScriptedPeer peer;
    DefaultPeerConnection connection;

    ConnectionHarness() throws IOException {
        this(0);
    }

    /** @param socketBufferBytes if positive, both socket buffers are made this small so that sends back up */
    ConnectionHarness(int socketBufferBytes) throws IOException {
        fixture = new LoopFixture();
        server = new ServerSocket();
        if (socketBufferBytes > 0) {
            server.setReceiveBufferSize(socketBufferBytes);
        }
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        this.socketBufferBytes = socketBufferBytes;
    }

    private final int socketBufferBytes;

    static HandshakeParams params() {
        return new HandshakeParams(INFO_HASH, OUR_ID, OUR_EXTENSIONS, PIECE_COUNT, PIECE_LENGTH, TOTAL_LENGTH);
    }

    /** Opens the TCP connection and starts our side; the peer has read nothing yet. */
    void open() throws Exception {
        InetSocketAddress address = (InetSocketAddress) server.getLocalSocketAddress();
        connection = fixture.call(() -> {
            SocketChannel channel = SocketChannel.open();
            if (socketBufferBytes > 0) {
                channel.setOption(StandardSocketOptions.SO_SNDBUF, socketBufferBytes);
            }
            channel.connect(address);
            Registration registration = fixture.loop.register(channel, 0, new ChannelHandler() {
                @Override
                public void ready(int readyOps) {
                }

                @Override
                public void closed(Throwable cause) {
                }
            });
            DefaultPeerConnection outgoing = DefaultPeerConnection.outgoing(fixture.loop, buffers, address, params(),
                    listener);
            outgoing.attach(registration);
            return outgoing;
        });
        peer = new ScriptedPeer(server.accept());
    }

    /** Opens and completes both handshakes; with the extension protocol, reads our extension handshake too. */
    ExtensionHandshake handshake(boolean fast, boolean extended) throws Exception {
        open();
        Handshake ours = peer.readHandshake();
        assertEquals(INFO_HASH, ours.infoHash());
        assertEquals(OUR_ID, ours.peerId());
        peer.writeHandshake(INFO_HASH, THEIR_ID, fast, extended);
        listener.expect("handshake fast=" + fast + " extended=" + extended);
        if (!extended) {
            return null;
        }
        ScriptedPeer.Message message = peer.expect(MessageId.EXTENDED);
        assertEquals(0, message.payload()[0]);
        return ExtensionHandshakeCodec.decode(message.payload(), 1, message.payload().length - 1);
    }

    /** Runs {@code action} with the connection on the loop. */
    void on(ConnectionAction action) throws Exception {
        fixture.run(() -> action.run(connection));
    }

    <T> T get(ConnectionQuery<T> query) throws Exception {
        return fixture.call(() -> query.get(connection));
    }

    interface ConnectionAction {
        void run(DefaultPeerConnection connection) throws Exception;
    }

    interface ConnectionQuery<T> {
        T get(DefaultPeerConnection connection) throws Exception;
    }

    @Override
    public void close() throws Exception {
        if (peer != null) {
            peer.close();
        }
        server.close();
        fixture.close();
    }
}
