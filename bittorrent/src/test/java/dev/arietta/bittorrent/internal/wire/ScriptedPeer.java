package dev.arietta.bittorrent.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arietta.bittorrent.metainfo.InfoHash;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * The far end of a connection under test: a blocking socket the test reads and writes raw
 * peer wire bytes on. Reads time out after {@link LoopFixture#WAIT_SECONDS}.
 */
public final class ScriptedPeer implements AutoCloseable {

    /** One message read: its id (-1 for keep-alive) and payload. */
    public record Message(int id, byte[] payload) {
        public ByteBuffer buffer() {
            return ByteBuffer.wrap(payload);
        }

        @Override
        public String toString() {
            return id < 0 ? "keep-alive" : MessageId.name(id) + " " + HexFormat.of().formatHex(payload);
        }
    }

    public final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    public ScriptedPeer(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout((int) (LoopFixture.WAIT_SECONDS * 1000));
        socket.setTcpNoDelay(true);
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    public InputStream input() {
        return in;
    }

    public Handshake readHandshake() throws IOException {
        byte[] bytes = new byte[Handshake.LENGTH];
        in.readFully(bytes);
        return Handshake.decode(bytes);
    }

    public void writeHandshake(InfoHash infoHash, PeerId peerId, boolean fast, boolean extended) throws IOException {
        write(new Handshake(Handshake.reservedWith(fast, extended, false), infoHash, peerId).toByteArray());
    }

    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public Message read() throws IOException {
        int length = in.readInt();
        if (length == 0) {
            return new Message(-1, new byte[0]);
        }
        int id = in.readUnsignedByte();
        byte[] payload = new byte[length - 1];
        in.readFully(payload);
        return new Message(id, payload);
    }

    /** Reads a message and checks its id. */
    public Message expect(int id) throws IOException {
        Message message = read();
        assertEquals(id, message.id(), "got " + message);
        return message;
    }

    /** Reads until the connection ends; fails if it does not within the wait. */
    public void expectEndOfStream() throws IOException {
        try {
            while (true) {
                read();
            }
        } catch (EOFException | java.net.SocketException end) {
            // The connection ended, as expected.
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the connection stayed open", e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
