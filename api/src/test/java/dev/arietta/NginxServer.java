package dev.arietta;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx for the engine's integration tests, configured from scratch in a temporary
 * prefix. A trimmed copy of http-ftp's test helper {@code dev.arietta.http.internal.Nginx}
 * (test classes are not shared between modules); the access log also records the port and
 * the bytes sent, so tests can tell mirrors apart and count traffic.
 *
 * <p>Without the binary the test is skipped, unless {@code CI=true}, where it fails loudly.
 */
final class NginxServer implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/nginx");

    private final Process process;
    private final Path prefix;

    private NginxServer(Process process, Path prefix) {
        this.process = process;
        this.prefix = prefix;
    }

    static void requireBinary() {
        if (Files.isExecutable(BINARY)) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("nginx is required under CI: install nginx-light (" + BINARY + " missing)");
        }
        assumeTrue(false, "nginx not installed at " + BINARY);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    /** Starts nginx with {@code httpBlock} inside {@code http}, waiting for every port. */
    static NginxServer start(Path prefix, String httpBlock, int... ports) throws Exception {
        requireBinary();
        Files.createDirectories(prefix.resolve("logs"));
        Files.createDirectories(prefix.resolve("temp"));
        String conf = "daemon off;\nmaster_process off;\nworker_processes 1;\n"
                + "pid " + prefix.resolve("nginx.pid") + ";\n"
                + "error_log " + prefix.resolve("logs/error.log") + " warn;\n"
                + "events { worker_connections 256; }\n"
                + "http {\n"
                + "  log_format arietta '$server_port \"$request\" $status $body_bytes_sent \"$http_range\"';\n"
                + "  access_log " + prefix.resolve("logs/access.log") + " arietta;\n"
                + "  client_body_temp_path " + prefix.resolve("temp/body") + ";\n"
                + "  proxy_temp_path " + prefix.resolve("temp/proxy") + ";\n"
                + "  fastcgi_temp_path " + prefix.resolve("temp/fastcgi") + ";\n"
                + "  uwsgi_temp_path " + prefix.resolve("temp/uwsgi") + ";\n"
                + "  scgi_temp_path " + prefix.resolve("temp/scgi") + ";\n"
                + "  default_type application/octet-stream;\n"
                + "  keepalive_timeout 30s;\n"
                + "  keepalive_requests 1000;\n"
                + httpBlock
                + "}\n";
        Path confFile = prefix.resolve("nginx.conf");
        Files.writeString(confFile, conf);
        Process process = new ProcessBuilder(BINARY.toString(), "-c", confFile.toString(), "-p", prefix.toString(),
                "-e", prefix.resolve("logs/error.log").toString())
                .redirectErrorStream(true)
                .redirectOutput(prefix.resolve("logs/stdout.log").toFile())
                .start();
        NginxServer nginx = new NginxServer(process, prefix);
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

    /** Access log lines: {@code port "request" status bytes "range"}. */
    List<String> accessLog() throws IOException {
        Path log = prefix.resolve("logs/access.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
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
