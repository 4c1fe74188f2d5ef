package dev.arietta.bittorrent.internal.tracker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A scripted HTTP tracker on 127.0.0.1: each request's target (path and query) is recorded and
 * answered with the bytes the script returns for it, then the connection closes. A script
 * returning null leaves the request unanswered (the connection stays open until close).
 */
public final class FakeHttpTracker implements AutoCloseable {

    private final ServerSocket server;
    private final BlockingQueue<String> targets = new LinkedBlockingQueue<>();
    private volatile Function<String, byte[]> script;
    private final Thread thread;

    public FakeHttpTracker(Function<String, byte[]> script) throws IOException {
        this.script = script;
        server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        thread = new Thread(this::acceptLoop, "fake-http-tracker");
        thread.setDaemon(true);
        thread.start();
    }

    public void script(Function<String, byte[]> value) {
        this.script = value;
    }

    public String url(String pathAndQuery) {
        return "http://127.0.0.1:" + server.getLocalPort() + pathAndQuery;
    }

    /** The next request target, waiting up to 10 s. */
    public String nextTarget() throws InterruptedException {
        String target = targets.poll(10, TimeUnit.SECONDS);
        if (target == null) {
            throw new AssertionError("no request reached the fake HTTP tracker within 10 s");
        }
        return target;
    }

    /** A 200 response with {@code body} and a Content-Length. */
    public static byte[] ok(byte[] body) {
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    public static byte[] ok(String body) {
        return ok(body.getBytes(StandardCharsets.ISO_8859_1));
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException closed) {
                return;
            }
            Thread handler = new Thread(() -> serve(socket), "fake-http-tracker-connection");
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
            String requestLine = head.toString(StandardCharsets.ISO_8859_1).split("\r\n", 2)[0];
            String target = requestLine.split(" ")[1];
            targets.add(target);
            byte[] reply = script.apply(target);
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
