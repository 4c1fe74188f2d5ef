package dev.arietta.bittorrent.internal.tracker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A scripted HTTP/1.1 server on 127.0.0.1 for tests, one request per connection: each request
 * (its target and headers) is answered with the bytes the script returns, then the connection
 * closes. A script returning null leaves the request unanswered (the connection stays open
 * until the client goes or the server closes).
 */
public final class FakeHttpServer implements AutoCloseable {

    /**
     * One request.
     *
     * @param target  path and query, as sent
     * @param headers header fields by lower-case name
     */
    public record Request(String target, Map<String, String> headers) {
    }

    private final ServerSocket server;
    private volatile Function<Request, byte[]> script;

    public FakeHttpServer(Function<Request, byte[]> script) throws IOException {
        this.script = script;
        this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread thread = new Thread(this::acceptLoop, "fake-http-server");
        thread.setDaemon(true);
        thread.start();
    }

    public void script(Function<Request, byte[]> value) {
        this.script = value;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code http://127.0.0.1:<port><pathAndQuery>}. */
    public String url(String pathAndQuery) {
        return "http://127.0.0.1:" + server.getLocalPort() + pathAndQuery;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException closed) {
                return;
            }
            Thread handler = new Thread(() -> serve(socket), "fake-http-server-connection");
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
            Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim());
                }
            }
            byte[] reply = script.apply(new Request(lines[0].split(" ")[1], headers));
            if (reply == null) {
                in.read();
                return;
            }
            OutputStream out = socket.getOutputStream();
            out.write(reply);
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
