package dev.arietta.http.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A test CA and server certificates made with the openssl CLI for nginx: one valid for
 * {@code localhost}/{@code 127.0.0.1}, one that expired in 2020 (signed with
 * {@code openssl ca -startdate/-enddate}).
 */
final class OpenSslCertificates {

    final Path caCertificate;
    final Path serverCertificate;
    final Path serverKey;
    final Path expiredCertificate;
    final Path expiredKey;

    private OpenSslCertificates(Path directory) throws Exception {
        Path caKey = directory.resolve("ca.key");
        caCertificate = directory.resolve("ca.pem");
        serverKey = directory.resolve("server.key");
        serverCertificate = directory.resolve("server.pem");
        expiredKey = directory.resolve("expired.key");
        expiredCertificate = directory.resolve("expired.pem");
        Path extensions = directory.resolve("san.cnf");
        Files.writeString(extensions, "subjectAltName=DNS:localhost,IP:127.0.0.1\n");

        openssl(directory, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey.toString(),
                "-out", caCertificate.toString(), "-days", "3650", "-subj", "/CN=Arietta Test CA");
        Path csr = directory.resolve("server.csr");
        openssl(directory, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", serverKey.toString(),
                "-out", csr.toString(), "-subj", "/CN=localhost");
        openssl(directory, "x509", "-req", "-in", csr.toString(), "-CA", caCertificate.toString(),
                "-CAkey", caKey.toString(), "-CAcreateserial", "-out", serverCertificate.toString(),
                "-days", "365", "-extfile", extensions.toString());

        Path caDirectory = directory.resolve("ca");
        Files.createDirectories(caDirectory.resolve("newcerts"));
        Files.writeString(caDirectory.resolve("index.txt"), "");
        Files.writeString(caDirectory.resolve("serial"), "1000\n");
        Path caConfig = directory.resolve("ca.cnf");
        Files.writeString(caConfig, "[ ca ]\ndefault_ca = test_ca\n[ test_ca ]\n"
                + "dir = " + caDirectory + "\n"
                + "database = $dir/index.txt\nnew_certs_dir = $dir/newcerts\nserial = $dir/serial\n"
                + "default_md = sha256\npolicy = any\nunique_subject = no\n"
                + "[ any ]\ncommonName = supplied\n");
        Path expiredCsr = directory.resolve("expired.csr");
        openssl(directory, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", expiredKey.toString(),
                "-out", expiredCsr.toString(), "-subj", "/CN=localhost");
        openssl(directory, "ca", "-batch", "-config", caConfig.toString(), "-cert", caCertificate.toString(),
                "-keyfile", caKey.toString(), "-in", expiredCsr.toString(), "-out", expiredCertificate.toString(),
                "-startdate", "20200101000000Z", "-enddate", "20200201000000Z", "-notext",
                "-extfile", extensions.toString());
    }

    static OpenSslCertificates create(Path directory) throws Exception {
        return new OpenSslCertificates(directory);
    }

    private static void openssl(Path directory, String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("openssl " + arguments[0] + " failed: " + output);
        }
    }
}
