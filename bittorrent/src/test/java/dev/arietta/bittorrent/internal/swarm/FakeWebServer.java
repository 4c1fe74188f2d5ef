package dev.arietta.bittorrent.internal.swarm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A static file server on 127.0.0.1 for web seed tests: GET with byte ranges ({@code 206} and
 * {@code Content-Range}), {@code 404} for unknown paths, one request per connection. Requests
 * are recorded ("path range"); a filter may alter the bytes sent (a lying server).
 */
final class FakeWebServer implements AutoCloseable {

    private final ServerSocket server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile UnaryOperator<byte[]> filter = UnaryOperator.identity();

    FakeWebServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(this::acceptLoop, "fake-web-server");
        thread.setDaemon(true);
        thread.start();
    }

    /** Serves {@code content} at {@code path} (already percent-encoded, starting with '/'). */
    FakeWebServer file(String path, byte[] content) {
        files.put(path, content);
        return this;
    }

    /** Alters every body sent. */
    void filter(UnaryOperator<byte[]> value) {
        this.filter = value;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException closed) {
                return;
            }
            Thread handler = new Thread(() -> serve(socket), "fake-web-server-connection");
            handler.setDaemon(true);
            handler.start();
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                head.write(b);
                matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            String path = lines[0].split(" ")[1];
            String range = null;
            for (String line : lines) {
                if (line.toLowerCase(Locale.ROOT).startsWith("range:")) {
                    range = line.substring(6).trim();
                }
            }
            requests.add(path + " " + range);
            OutputStream out = socket.getOutputStream();
            byte[] content = files.get(path);
            if (content == null) {
                out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            long first = 0;
            long last = content.length - 1;
            String status = "200 OK";
            String contentRange = "";
            if (range != null && range.startsWith("bytes=")) {
                String[] bounds = range.substring(6).split("-", -1);
                first = Long.parseLong(bounds[0]);
                if (!bounds[1].isEmpty()) {
                    last = Math.min(last, Long.parseLong(bounds[1]));
                }
                status = "206 Partial Content";
                contentRange = "Content-Range: bytes " + first + "-" + last + "/" + content.length + "\r\n";
            }
            byte[] body = filter.apply(java.util.Arrays.copyOfRange(content, (int) first, (int) last + 1));
            out.write(("HTTP/1.1 " + status + "\r\n" + contentRange + "Content-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
        } catch (IOException ignored) {
            // The client went away.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
