package dev.arietta.http.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A minimal HTTP proxy for tests: CONNECT opens a relayed tunnel, an absolute-form request is
 * rewritten to origin form and relayed to its origin, an ftp URL is fetched over FTP as Squid
 * does ({@link FakeFtpGateway}). It can demand Basic credentials (407),
 * refuse tunnels with a status, or never answer CONNECT. Records request lines and
 * Proxy-Authorization values. Blocking sockets, daemon threads; test code only.
 */
public final class FakeProxy implements AutoCloseable {

    /** A request head the proxy received. */
    public record Seen(String requestLine, String proxyAuthorization) {
    }

    private final ServerSocket server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final String requiredAuthorization;
    private final int refuseConnectWith;
    private final CountDownLatch stallConnect;
    private volatile boolean closed;

    private FakeProxy(String requiredAuthorization, int refuseConnectWith, CountDownLatch stallConnect)
            throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        this.requiredAuthorization = requiredAuthorization;
        this.refuseConnectWith = refuseConnectWith;
        this.stallConnect = stallConnect;
        Thread acceptor = new Thread(this::acceptLoop, "fake-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** An open proxy. */
    public static FakeProxy open() throws IOException {
        return new FakeProxy(null, 0, null);
    }

    /** A proxy that demands these credentials. */
    static FakeProxy requiring(Credentials credentials) throws IOException {
        return new FakeProxy(credentials.basicHeaderValue(), 0, null);
    }

    /** A proxy that answers every CONNECT with {@code status}. */
    static FakeProxy refusingTunnels(int status) throws IOException {
        return new FakeProxy(null, status, null);
    }

    /** A proxy that reads CONNECT, counts {@code received} down and never answers. */
    static FakeProxy stallingTunnels(CountDownLatch received) throws IOException {
        return new FakeProxy(null, 0, received);
    }

    public int port() {
        return server.getLocalPort();
    }

    public List<Seen> seen() {
        return new ArrayList<>(seen);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                Thread handler = new Thread(() -> handle(client), "fake-proxy-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        try {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            byte[] head = readHead(in);
            if (head == null) {
                client.close();
                return;
            }
            String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n");
            String authorization = null;
            for (String line : lines) {
                if (line.toLowerCase(Locale.ROOT).startsWith("proxy-authorization:")) {
                    authorization = line.substring(line.indexOf(':') + 1).trim();
                }
            }
            seen.add(new Seen(lines[0], authorization));
            if (requiredAuthorization != null && !requiredAuthorization.equals(authorization)) {
                out.write(Replies.bytes("HTTP/1.1 407 Proxy Authentication Required\r\n"
                        + "Proxy-Authenticate: Basic realm=\"proxy\"\r\nContent-Length: 0\r\n\r\n"));
                out.flush();
                client.close();
                return;
            }
            String[] requestLine = lines[0].split(" ");
            if (requestLine[0].equals("CONNECT")) {
                tunnel(client, requestLine[1]);
            } else if (requestLine[1].startsWith("ftp://")) {
                FakeFtpGateway.answer(client, lines, URI.create(requestLine[1]));
            } else {
                forward(client, lines, head, URI.create(requestLine[1]));
            }
        } catch (IOException | InterruptedException e) {
            closeQuietly(client);
        }
    }

    private void tunnel(Socket client, String authority) throws IOException, InterruptedException {
        OutputStream out = client.getOutputStream();
        if (stallConnect != null) {
            stallConnect.countDown();
            while (client.getInputStream().read() >= 0) {
                // Never answer; wait for the client to give up.
            }
            client.close();
            return;
        }
        if (refuseConnectWith != 0) {
            out.write(Replies.bytes("HTTP/1.1 " + refuseConnectWith + " No\r\nContent-Length: 0\r\n\r\n"));
            out.flush();
            client.close();
            return;
        }
        int colon = authority.lastIndexOf(':');
        Socket origin = new Socket(authority.substring(0, colon), Integer.parseInt(authority.substring(colon + 1)));
        sockets.add(origin);
        out.write(Replies.bytes("HTTP/1.1 200 Connection established\r\n\r\n"));
        out.flush();
        relay(client, origin);
    }

    private void forward(Socket client, String[] lines, byte[] head, URI target) throws IOException, InterruptedException {
        Socket origin = new Socket(target.getHost(), target.getPort());
        sockets.add(origin);
        StringBuilder rewritten = new StringBuilder();
        String[] requestLine = lines[0].split(" ");
        String path = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        rewritten.append(requestLine[0]).append(' ').append(path).append(' ').append(requestLine[2]).append("\r\n");
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].toLowerCase(Locale.ROOT).startsWith("proxy-authorization:")) {
                rewritten.append(lines[i]).append("\r\n");
            }
        }
        rewritten.append("\r\n");
        origin.getOutputStream().write(Replies.bytes(rewritten.toString()));
        relay(client, origin);
    }

    private void relay(Socket client, Socket origin) throws InterruptedException {
        Thread up = pump(client, origin);
        Thread down = pump(origin, client);
        up.join();
        down.join();
        closeQuietly(client);
        closeQuietly(origin);
    }

    private static Thread pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int count;
                while ((count = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, count);
                    out.flush();
                }
                to.shutdownOutput();
            } catch (IOException e) {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "fake-proxy-relay");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
        }
        byte[] bytes = head.toByteArray();
        return java.util.Arrays.copyOf(bytes, bytes.length - 4);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Test relay: nothing to do.
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }
}
