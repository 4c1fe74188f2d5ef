package dev.arietta.benchmarks.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs nginx as a static file server for the loopback harness: one process
 * ({@code master_process off}), {@code sendfile} on, access log off, everything under a
 * temporary prefix, listening on 127.0.0.1 only.
 */
final class NginxLauncher implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/nginx");

    private final Process process;
    final int port;

    private NginxLauncher(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static NginxLauncher serve(Path root, Path prefix) throws Exception {
        if (!Files.isExecutable(BINARY)) {
            throw new IOException("nginx not found at " + BINARY + " (apt-get install nginx-light)");
        }
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        Files.createDirectories(prefix.resolve("temp"));
        String conf = "daemon off;\nmaster_process off;\nworker_processes 1;\n"
                + "pid " + prefix.resolve("nginx.pid") + ";\n"
                + "error_log " + prefix.resolve("error.log") + " warn;\n"
                + "events { worker_connections 1024; }\n"
                + "http {\n"
                + "  access_log off;\n"
                + "  sendfile on;\n  tcp_nopush on;\n"
                + "  keepalive_timeout 60s;\n  keepalive_requests 100000;\n"
                + "  client_body_temp_path " + prefix.resolve("temp/body") + ";\n"
                + "  proxy_temp_path " + prefix.resolve("temp/proxy") + ";\n"
                + "  fastcgi_temp_path " + prefix.resolve("temp/fastcgi") + ";\n"
                + "  uwsgi_temp_path " + prefix.resolve("temp/uwsgi") + ";\n"
                + "  scgi_temp_path " + prefix.resolve("temp/scgi") + ";\n"
                + "  default_type application/octet-stream;\n"
                + "  server { listen 127.0.0.1:" + port + "; root " + root + "; }\n"
                + "}\n";
        Path confFile = prefix.resolve("nginx.conf");
        Files.writeString(confFile, conf);
        Process process = new ProcessBuilder(BINARY.toString(), "-c", confFile.toString(), "-p", prefix.toString(),
                "-e", prefix.resolve("error.log").toString())
                .redirectErrorStream(true).redirectOutput(prefix.resolve("stdout.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("nginx exited: " + Files.readString(prefix.resolve("error.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return new NginxLauncher(process, port);
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IOException("nginx did not start listening on " + port);
                }
                process.waitFor(20, TimeUnit.MILLISECONDS);
            }
        }
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
