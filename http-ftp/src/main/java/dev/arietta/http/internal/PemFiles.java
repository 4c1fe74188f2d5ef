package dev.arietta.http.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads PEM certificates and unencrypted private keys (PKCS#8, or PKCS#1 RSA). */
final class PemFiles {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "Ed25519", "Ed448", "DSA"};

    private PemFiles() {
    }

    /**
     * Every X.509 certificate in a PEM (or DER) file.
     *
     * @throws IOException when the file cannot be read or holds no certificate
     */
    static List<X509Certificate> certificates(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> result = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                result.add((X509Certificate) certificate);
            }
            if (result.isEmpty()) {
                throw new IOException(file + ": no certificate found");
            }
            return result;
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": not a certificate file: " + e.getMessage(), e);
        }
    }

    /**
     * The private key in a PEM file.
     *
     * @throws IOException when absent, encrypted, or of an unsupported form
     */
    static PrivateKey privateKey(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            String type = matcher.group(1);
            byte[] der = Base64.getMimeDecoder().decode(matcher.group(2));
            switch (type) {
                case "PRIVATE KEY":
                    return pkcs8(der, file);
                case "RSA PRIVATE KEY":
                    return pkcs8(wrapPkcs1Rsa(der), file);
                case "ENCRYPTED PRIVATE KEY":
                    throw new IOException(file + ": encrypted private keys are not supported; "
                            + "decrypt it or use a PKCS#12 file");
                case "EC PRIVATE KEY":
                    throw new IOException(file + ": SEC1 EC keys are not supported; convert to PKCS#8 "
                            + "(openssl pkcs8 -topk8 -nocrypt)");
                default:
                    // Certificates or parameters may share the file; keep looking.
            }
        }
        throw new IOException(file + ": no PEM private key found");
    }

    private static PrivateKey pkcs8(byte[] der, Path file) throws IOException {
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisAlgorithm) {
                // Try the next algorithm.
            }
        }
        throw new IOException(file + ": unsupported private key algorithm");
    }

    /** PKCS#1 RSAPrivateKey inside a PKCS#8 PrivateKeyInfo with the rsaEncryption identifier. */
    private static byte[] wrapPkcs1Rsa(byte[] pkcs1) {
        byte[] version = {0x02, 0x01, 0x00};
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d,
            0x01, 0x01, 0x01, 0x05, 0x00};
        ByteArrayOutputStream key = new ByteArrayOutputStream();
        key.write(0x04);
        writeLength(key, pkcs1.length);
        key.writeBytes(pkcs1);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(version);
        body.writeBytes(algorithm);
        body.writeBytes(key.toByteArray());
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        info.write(0x30);
        writeLength(info, body.size());
        info.writeBytes(body.toByteArray());
        return info.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
            return;
        }
        int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
        out.write(0x80 | bytes);
        for (int i = bytes - 1; i >= 0; i--) {
            out.write(length >>> (8 * i));
        }
    }
}
