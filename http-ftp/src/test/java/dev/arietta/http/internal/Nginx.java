package dev.arietta.http.internal;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx for integration tests, configured from scratch in a temporary prefix:
 * {@code daemon off}, {@code master_process off} (a single process, which may read the test's
 * private temp files as the user running the tests), pid, logs and temp paths under the
 * prefix, listening on 127.0.0.1 only.
 *
 * <p>Without the binary the test is skipped, unless {@code CI=true}, where it fails loudly.
 */
final class Nginx implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/nginx");

    private final Process process;
    private final Path prefix;

    private Nginx(Process process, Path prefix) {
        this.process = process;
        this.prefix = prefix;
    }

    /** Skips (or fails under CI) when nginx is not installed. */
    static void requireBinary() {
        if (Files.isExecutable(BINARY)) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("nginx is required under CI: install nginx-light (" + BINARY + " missing)");
        }
        assumeTrue(false, "nginx not installed at " + BINARY);
    }

    /** A port that was free a moment ago. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    /**
     * Starts nginx with {@code httpBlock} as the body of its {@code http} section and waits
     * until every port in {@code ports} accepts connections.
     */
    static Nginx start(Path prefix, String httpBlock, int... ports) throws Exception {
        requireBinary();
        Files.createDirectories(prefix.resolve("logs"));
        Files.createDirectories(prefix.resolve("temp"));
        String conf = "daemon off;\nmaster_process off;\nworker_processes 1;\n"
                + "pid " + prefix.resolve("nginx.pid") + ";\n"
                + "error_log " + prefix.resolve("logs/error.log") + " warn;\n"
                + "events { worker_connections 256; }\n"
                + "http {\n"
                + "  access_log " + prefix.resolve("logs/access.log") + " arietta;\n"
                + "  client_body_temp_path " + prefix.resolve("temp/body") + ";\n"
                + "  proxy_temp_path " + prefix.resolve("temp/proxy") + ";\n"
                + "  fastcgi_temp_path " + prefix.resolve("temp/fastcgi") + ";\n"
                + "  uwsgi_temp_path " + prefix.resolve("temp/uwsgi") + ";\n"
                + "  scgi_temp_path " + prefix.resolve("temp/scgi") + ";\n"
                + "  default_type application/octet-stream;\n"
                + "  types { text/plain txt; }\n"
                + "  keepalive_timeout 30s;\n"
                + "  keepalive_requests 1000;\n"
                + httpBlock
                + "}\n";
        // The log format comes first in the http block; nginx resolves it by name.
        conf = conf.replace("http {\n", "http {\n  log_format arietta '$connection $connection_requests \"$request\" $status';\n");
        Path confFile = prefix.resolve("nginx.conf");
        Files.writeString(confFile, conf);
        Process process = new ProcessBuilder(BINARY.toString(), "-c", confFile.toString(), "-p", prefix.toString(),
                "-e", prefix.resolve("logs/error.log").toString())
                .redirectErrorStream(true)
                .redirectOutput(prefix.resolve("logs/stdout.log").toFile())
                .start();
        Nginx nginx = new Nginx(process, prefix);
        for (int port : ports) {
            nginx.awaitPort(port);
        }
        return nginx;
    }

    private void awaitPort(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("nginx exited with " + process.exitValue() + ": "
                        + Files.readString(prefix.resolve("logs/error.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                process.waitFor(20, TimeUnit.MILLISECONDS);
            }
        }
        throw new IOException("nginx did not listen on " + port + " within 20 s");
    }

    /** The access log lines: {@code connection requests-on-connection "request" status}. */
    java.util.List<String> accessLog() throws IOException {
        Path log = prefix.resolve("logs/access.log");
        return Files.exists(log) ? Files.readAllLines(log) : java.util.List.of();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
