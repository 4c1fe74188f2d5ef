package dev.arietta.http.internal;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/** Ready-made {@link FaultServer.Responder}s: good answers and the faults a test can inject. */
final class Replies {

    private Replies() {
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A complete response with a text body and Content-Length. */
    static String text(int status, String body) {
        return "HTTP/1.1 " + status + " X\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    /** Writes {@code response} and keeps the connection. */
    static FaultServer.Responder raw(String response) {
        return raw(bytes(response));
    }

    static FaultServer.Responder raw(byte[] response) {
        return (request, socket, out) -> {
            out.write(response);
            return true;
        };
    }

    /** Writes {@code response} then closes the connection (FIN). */
    static FaultServer.Responder rawThenClose(String response) {
        return rawThenClose(bytes(response));
    }

    static FaultServer.Responder rawThenClose(byte[] response) {
        return (request, socket, out) -> {
            out.write(response);
            out.flush();
            socket.shutdownOutput();
            return false;
        };
    }

    /** 200 with a body and keep-alive. */
    static FaultServer.Responder ok(String body) {
        return raw(text(200, body));
    }

    /** Writes {@code prefix}, counts {@code sent} down, then waits until the client gives up. */
    static FaultServer.Responder stallAfter(String prefix, CountDownLatch sent) {
        return (request, socket, out) -> {
            out.write(bytes(prefix));
            out.flush();
            sent.countDown();
            waitForClientClose(socket);
            return false;
        };
    }

    /** Writes {@code prefix} then resets the connection (RST instead of FIN). */
    static FaultServer.Responder resetAfter(String prefix) {
        return (request, socket, out) -> {
            out.write(bytes(prefix));
            out.flush();
            socket.setSoLinger(true, 0);
            socket.close();
            return false;
        };
    }

    /** Writes {@code response} a few bytes at a time with short pauses, then keeps the connection. */
    static FaultServer.Responder trickle(String response, int bytesPerWrite) {
        return (request, socket, out) -> {
            byte[] data = bytes(response);
            for (int offset = 0; offset < data.length; offset += bytesPerWrite) {
                out.write(data, offset, Math.min(bytesPerWrite, data.length - offset));
                out.flush();
                Thread.sleep(1);
            }
            return true;
        };
    }

    /** Reads the request and closes without answering. */
    static FaultServer.Responder closeWithoutResponse() {
        return (request, socket, out) -> false;
    }

    /** A redirect to {@code location}. */
    static FaultServer.Responder redirect(int status, String location) {
        return raw("HTTP/1.1 " + status + " Moved\r\nLocation: " + location + "\r\nContent-Length: 0\r\n\r\n");
    }

    private static void waitForClientClose(Socket socket) throws Exception {
        while (socket.getInputStream().read() >= 0) {
            // Discard anything more the client sends; return when it closes.
        }
    }

    /** A responder that answers with {@code response} after writing a body prefix; for tests of both shapes. */
    static FaultServer.Responder write(OutputStreamWriter writer) {
        return (request, socket, out) -> {
            writer.write(out);
            return true;
        };
    }

    /** Writes arbitrary bytes. */
    @FunctionalInterface
    interface OutputStreamWriter {
        void write(OutputStream out) throws Exception;
    }
}
