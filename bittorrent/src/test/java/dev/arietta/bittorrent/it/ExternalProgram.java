package dev.arietta.bittorrent.it;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Presence checks for the real programs the {@code *IT} tests start, and free loopback ports.
 *
 * <p>A missing program skips the test (a JUnit assumption) on a developer machine, but fails it
 * under {@code CI=true}, where {@code .ci/run} installs every program: a CI run must never pass
 * by skipping.
 */
public final class ExternalProgram {

    /** opentracker (Debian package {@code opentracker}). */
    public static final Path OPENTRACKER = Path.of("/usr/bin/opentracker");
    /** aria2c (Debian package {@code aria2}). */
    public static final Path ARIA2C = Path.of("/usr/bin/aria2c");
    /** The system Python, which has libtorrent's bindings (Debian package {@code python3-libtorrent}). */
    public static final Path PYTHON = Path.of("/usr/bin/python3");

    private ExternalProgram() {
    }

    /** Whether this run is a CI run ({@code CI=true}), where missing programs fail. */
    public static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips the test, or fails it under CI, unless {@code binary} is an executable file. */
    public static void require(Path binary, String debianPackage) {
        if (!Files.isExecutable(binary)) {
            missing(debianPackage + " is required (" + binary + " missing)");
        }
    }

    /** Skips the test, or fails it under CI, unless {@code /usr/bin/python3} can import libtorrent. */
    public static void requireLibtorrent() {
        require(PYTHON, "python3");
        boolean importable;
        try {
            Process check = new ProcessBuilder(PYTHON.toString(), "-c", "import libtorrent")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            importable = check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0;
            check.destroyForcibly();
        } catch (IOException e) {
            importable = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking for libtorrent", e);
        }
        if (!importable) {
            missing("python3-libtorrent is required (" + PYTHON + " cannot import libtorrent)");
        }
    }

    private static void missing(String message) {
        if (onCi()) {
            fail(message + " under CI=true: .ci/run installs it");
        }
        assumeTrue(false, message);
    }

    /**
     * A loopback port that was free for both TCP and UDP a moment ago (opentracker listens on
     * both with one number). Another process may take it before it is used; callers starting
     * a program on it retry with a new port when the program fails to bind.
     */
    public static int freePort() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, loopback)) {
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, port))) {
                    return port;
                } catch (IOException udpTaken) {
                    // Try another number.
                }
            }
        }
        throw new IOException("no port free for both TCP and UDP on 127.0.0.1 after 50 attempts");
    }
}
