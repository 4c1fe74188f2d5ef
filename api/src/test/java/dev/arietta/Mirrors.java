package dev.arietta;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A real nginx (HTTP) and a real vsftpd (FTP) mirror on 127.0.0.1, each serving a directory of its own. */
final class Mirrors implements AutoCloseable {

    final NginxServer nginx;
    final VsftpdServer vsftpd;
    private final int httpPort;

    private Mirrors(NginxServer nginx, int httpPort, VsftpdServer vsftpd) {
        this.nginx = nginx;
        this.httpPort = httpPort;
        this.vsftpd = vsftpd;
    }

    /**
     * Starts both, their files and logs under {@code work} (made readable to the servers' users).
     *
     * @param nginxDirectives extra directives of nginx's server block, e.g. {@code "limit_rate 512k;"}
     */
    static Mirrors start(Path work, Path httpRoot, String nginxDirectives, Path ftpRoot) throws Exception {
        NginxServer.requireBinary();
        VsftpdServer.requireInstalled();
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        int httpPort = NginxServer.freePort();
        NginxServer nginx = NginxServer.start(work.resolve("nginx"), "  server { listen 127.0.0.1:" + httpPort
                + "; root " + httpRoot + "; " + nginxDirectives + " }\n", httpPort);
        try {
            return new Mirrors(nginx, httpPort, VsftpdServer.start(ftpRoot,
                    Files.createDirectories(work.resolve("vsftpd")), InetAddress.getByName("127.0.0.1")));
        } catch (Exception | Error e) {
            nginx.close();
            throw e;
        }
    }

    String http(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    String ftp(String path) {
        return "ftp://127.0.0.1:" + vsftpd.port() + path;
    }

    @Override
    public void close() throws InterruptedException {
        try {
            nginx.close();
        } finally {
            vsftpd.close();
        }
    }
}
