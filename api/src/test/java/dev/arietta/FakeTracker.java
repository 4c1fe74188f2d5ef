package dev.arietta;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal HTTP tracker (BEP 3 with compact BEP 23 answers) on 127.0.0.1: every announcing
 * peer is remembered per info-hash at 127.0.0.1 and its announced port, and gets the others
 * back; {@code event=stopped} forgets it. Records every announce for the tests. Thread-safe.
 */
final class FakeTracker implements AutoCloseable {

    /** One announce as received: its query parameters (values percent-decoded as ISO-8859-1). */
    record Announce(Map<String, String> parameters) {
        String event() {
            return parameters.getOrDefault("event", "");
        }
    }

    private final ServerSocket server;
    private final Map<String, Map<Integer, Long>> peers = new ConcurrentHashMap<>();
    private final List<Announce> announces = new CopyOnWriteArrayList<>();
    private final Thread thread;

    FakeTracker() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "fake-tracker");
        thread.setDaemon(true);
        thread.start();
    }

    String announceUrl() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/announce";
    }

    List<Announce> announces() {
        return List.copyOf(announces);
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(5_000);
                answer(socket.getInputStream(), socket.getOutputStream());
            } catch (IOException closedOrBroken) {
                // next connection
            }
        }
    }

    private void answer(InputStream in, OutputStream out) throws IOException {
        String head = readHead(in);
        String target = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
        Map<String, String> parameters = query(target);
        announces.add(new Announce(parameters));
        String infoHash = parameters.getOrDefault("info_hash", "");
        int port = Integer.parseInt(parameters.getOrDefault("port", "0"));
        Map<Integer, Long> swarm = peers.computeIfAbsent(infoHash, key -> new ConcurrentHashMap<>());
        if (parameters.getOrDefault("event", "").equals("stopped")) {
            swarm.remove(port);
        } else {
            swarm.put(port, System.nanoTime());
        }
        ByteBuffer compact = ByteBuffer.allocate(6 * swarm.size());
        for (int other : swarm.keySet()) {
            if (other != port) {
                compact.put(new byte[] {127, 0, 0, 1}).putShort((short) other);
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("d8:completei0e10:incompletei0e8:intervali30e5:peers".getBytes(StandardCharsets.US_ASCII));
        body.writeBytes((compact.position() + ":").getBytes(StandardCharsets.US_ASCII));
        body.write(compact.array(), 0, compact.position());
        body.writeBytes("e".getBytes(StandardCharsets.US_ASCII));
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: " + body.size()
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeTo(out);
        out.flush();
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }

    private static Map<String, String> query(String target) {
        Map<String, String> parameters = new LinkedHashMap<>();
        int question = target.indexOf('?');
        if (question < 0) {
            return parameters;
        }
        for (String pair : target.substring(question + 1).split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                parameters.put(pair.substring(0, equals), percentDecode(pair.substring(equals + 1)));
            }
        }
        return parameters;
    }

    private static String percentDecode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length()) {
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c == '+' ? ' ' : c);
            }
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    /** A port that was free a moment ago, for {@code listen-port}. */
    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return probe.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    /** Peers known for every info-hash, for assertions: their ports. */
    List<Integer> knownPorts() {
        List<Integer> ports = new ArrayList<>();
        peers.values().forEach(swarm -> ports.addAll(swarm.keySet()));
        return ports;
    }
}
