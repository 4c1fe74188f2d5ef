package dev.arietta.bittorrent.internal.tracker;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A scripted UDP tracker: every datagram it receives is queued for the test, which answers
 * (or not) with whatever bytes it likes. Thread-safe.
 */
final class FakeUdpTracker implements AutoCloseable {

    /** One datagram received. */
    record Received(ByteBuffer data, SocketAddress from) {
        long connectionId() {
            return data.getLong(0);
        }

        int action() {
            return data.getInt(8);
        }

        int transactionId() {
            return data.getInt(12);
        }
    }

    private final DatagramSocket socket;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final Thread thread;

    FakeUdpTracker(InetAddress address) throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(address, 0));
        thread = new Thread(this::receiveLoop, "fake-udp-tracker");
        thread.setDaemon(true);
        thread.start();
    }

    String url(String pathAndQuery) {
        InetAddress address = socket.getLocalAddress();
        String host = address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]"
                : address.getHostAddress();
        return "udp://" + host + ":" + socket.getLocalPort() + pathAndQuery;
    }

    /** The next datagram, waiting up to 10 s. */
    Received next() throws InterruptedException {
        Received next = received.poll(10, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("no datagram reached the fake UDP tracker within 10 s");
        }
        return next;
    }

    /** Whether no datagram is waiting (after the sender's loop has been synced). */
    boolean nothingReceived() {
        return received.isEmpty();
    }

    void send(byte[] data, SocketAddress to) throws IOException {
        socket.send(new DatagramPacket(data, data.length, to));
    }

    /** Answers a connect request with {@code connectionId}. */
    void answerConnect(Received connect, long connectionId) throws IOException {
        send(ByteBuffer.allocate(16).putInt(0).putInt(connect.transactionId()).putLong(connectionId).array(),
                connect.from());
    }

    /** Answers an announce: interval, leechers, seeders, then raw peer bytes. */
    void answerAnnounce(Received announce, int interval, int leechers, int seeders, byte[] peers) throws IOException {
        send(ByteBuffer.allocate(20 + peers.length).putInt(1).putInt(announce.transactionId()).putInt(interval)
                .putInt(leechers).putInt(seeders).put(peers).array(), announce.from());
    }

    private void receiveLoop() {
        byte[] buffer = new byte[65_536];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException closed) {
                return;
            }
            received.add(new Received(ByteBuffer.wrap(Arrays.copyOf(packet.getData(), packet.getLength())),
                    packet.getSocketAddress()));
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
