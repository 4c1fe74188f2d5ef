package dev.arietta;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed certificates made at test time with the JDK's keytool, in PKCS#12 and PEM:
 * a server certificate for {@code localhost} and {@code 127.0.0.1}, and a client certificate.
 */
final class TestCertificates {

    static final char[] PASSWORD = "changeit".toCharArray();

    final Path serverKeyStore;
    final Path serverCertificatePem;
    final Path clientKeyStore;
    final Path clientCertificatePem;
    final Path clientKeyPem;

    private TestCertificates(Path directory) throws Exception {
        serverKeyStore = directory.resolve("server.p12");
        clientKeyStore = directory.resolve("client.p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "3650",
                "-keystore", serverKeyStore.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
        keytool("-genkeypair", "-alias", "client", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=arietta-test-client", "-validity", "3650",
                "-keystore", clientKeyStore.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
        serverCertificatePem = directory.resolve("server.pem");
        clientCertificatePem = directory.resolve("client.pem");
        clientKeyPem = directory.resolve("client-key.pem");
        KeyStore server = load(serverKeyStore);
        Files.writeString(serverCertificatePem, pem("CERTIFICATE", server.getCertificate("server").getEncoded()));
        KeyStore client = load(clientKeyStore);
        Files.writeString(clientCertificatePem, pem("CERTIFICATE", client.getCertificate("client").getEncoded()));
        Files.writeString(clientKeyPem, pem("PRIVATE KEY",
                ((PrivateKey) client.getKey("client", PASSWORD)).getEncoded()));
    }

    static TestCertificates create(Path directory) throws Exception {
        return new TestCertificates(directory);
    }

    private static void keytool(String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
    }

    static KeyStore load(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** A server context with the server certificate, trusting the client certificate. */
    SSLContext serverContext() throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(serverKeyStore), PASSWORD);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        Certificate client = load(clientKeyStore).getCertificate("client");
        trusted.setCertificateEntry("client", client);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }
}
