package dev.arietta.ftp.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An in-JVM FTP server for tests: a happy-path default for every command the client sends,
 * and per-command overrides that inject hostile or negative replies. Serves one control
 * connection at a time on a daemon thread; records the commands received.
 */
public final class FakeFtpServer implements AutoCloseable {

    /** Answers one command. */
    @FunctionalInterface
    interface Handler {
        void handle(Connection connection, String argument) throws IOException;
    }

    private final byte[] content;
    private final InetAddress bindAddress;
    private final ServerSocket control;
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final List<String> commands = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private volatile String greeting = "220 fake FTP server ready\r\n";
    private volatile boolean closed;

    public FakeFtpServer(byte[] content) throws IOException {
        this(content, InetAddress.getLoopbackAddress());
    }

    FakeFtpServer(byte[] content, InetAddress bindAddress) throws IOException {
        this.content = content;
        this.bindAddress = bindAddress;
        this.control = new ServerSocket(0, 5, bindAddress);
        installDefaults();
        this.thread = new Thread(this::serve, "fake-ftp-" + control.getLocalPort());
        this.thread.setDaemon(true);
        this.thread.start();
    }

    public int port() {
        return control.getLocalPort();
    }

    /** The commands received so far, verbs upper case, PASS arguments included. */
    public List<String> commands() {
        synchronized (commands) {
            return List.copyOf(commands);
        }
    }

    FakeFtpServer greeting(String raw) {
        this.greeting = raw;
        return this;
    }

    FakeFtpServer reply(String verb, String raw) {
        return on(verb, (connection, argument) -> connection.write(raw));
    }

    FakeFtpServer on(String verb, Handler handler) {
        handlers.put(verb, handler);
        return this;
    }

    private void installDefaults() {
        reply("USER", "331 password please\r\n");
        reply("PASS", "230 logged in\r\n");
        reply("FEAT", "211-Features:\r\n EPSV\r\n SIZE\r\n MDTM\r\n REST STREAM\r\n211 End\r\n");
        reply("PWD", "257 \"/\" is the current directory\r\n");
        reply("TYPE", "200 binary\r\n");
        reply("CWD", "250 ok\r\n");
        on("SIZE", (connection, argument) -> connection.write("213 " + content.length + "\r\n"));
        reply("MDTM", "213 20240131235959\r\n");
        on("EPSV", (connection, argument) -> {
            int port = connection.listen();
            connection.write("229 Entering Extended Passive Mode (|||" + port + "|)\r\n");
        });
        on("PASV", (connection, argument) -> {
            int port = connection.listen();
            connection.write("227 Entering Passive Mode (127,0,0,1," + (port >> 8) + "," + (port & 0xFF) + ")\r\n");
        });
        on("EPRT", (connection, argument) -> {
            String[] parts = argument.split("\\|");
            connection.activeTarget = new InetSocketAddress(InetAddress.getByName(parts[2]), Integer.parseInt(parts[3]));
            connection.write("200 EPRT ok\r\n");
        });
        on("REST", (connection, argument) -> {
            connection.restOffset = Integer.parseInt(argument);
            connection.write("350 restarting at " + argument + "\r\n");
        });
        on("RETR", (connection, argument) -> {
            connection.write("150 opening data connection\r\n");
            try (Socket data = connection.openData()) {
                data.getOutputStream().write(content, connection.restOffset, content.length - connection.restOffset);
            } catch (IOException clientClosedEarly) {
                connection.restOffset = 0;
                connection.write("426 Failure writing network stream.\r\n");
                return;
            }
            connection.restOffset = 0;
            connection.write("226 transfer complete\r\n");
        });
        reply("ABOR", "225 no transfer to abort\r\n");
        reply("NOOP", "200 noop\r\n");
        on("QUIT", (connection, argument) -> {
            connection.write("221 bye\r\n");
            connection.close();
        });
    }

    private void serve() {
        while (!closed) {
            try (Socket socket = control.accept()) {
                Connection connection = new Connection(socket);
                connection.write(greeting);
                String line;
                while (!connection.closed && (line = connection.readLine()) != null) {
                    int space = line.indexOf(' ');
                    String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
                    String argument = space < 0 ? "" : line.substring(space + 1);
                    commands.add(space < 0 ? verb : verb + " " + argument);
                    Handler handler = handlers.get(verb);
                    if (handler == null) {
                        connection.write("502 not implemented\r\n");
                    } else {
                        handler.handle(connection, argument);
                    }
                }
            } catch (IOException connectionGone) {
                // The client closed or reset the connection; wait for the next one.
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        control.close();
    }

    /** One client's control connection. */
    final class Connection {
        private final Socket socket;
        private final InputStream input;
        private final OutputStream output;
        private ServerSocket passive;
        int restOffset;
        InetSocketAddress activeTarget;
        boolean closed;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.input = socket.getInputStream();
            this.output = socket.getOutputStream();
        }

        void write(String raw) throws IOException {
            output.write(raw.getBytes(StandardCharsets.ISO_8859_1));
            output.flush();
        }

        /** Writes until the client hangs up (for endless-reply tests). */
        void writeForever(String raw) {
            byte[] bytes = raw.getBytes(StandardCharsets.ISO_8859_1);
            try {
                while (true) {
                    output.write(bytes);
                }
            } catch (IOException clientGone) {
                closed = true;
            }
        }

        void close() throws IOException {
            closed = true;
            socket.close();
        }

        int listen() throws IOException {
            if (passive != null) {
                passive.close();
            }
            passive = new ServerSocket(0, 1, bindAddress);
            return passive.getLocalPort();
        }

        Socket openData() throws IOException {
            if (activeTarget != null) {
                Socket socket = new Socket();
                socket.connect(activeTarget, 5000);
                activeTarget = null;
                return socket;
            }
            passive.setSoTimeout(5000);
            try {
                return passive.accept();
            } finally {
                passive.close();
                passive = null;
            }
        }

        String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = input.read()) >= 0) {
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
                }
                line.write(b);
            }
            return null;
        }
    }
}
