package dev.arietta.http.internal;

import java.nio.file.Path;
import java.util.Objects;

/**
 * TLS options, named after aria2's. Immutable; {@link #defaults()} or {@link #builder()}.
 *
 * <ul>
 *   <li>{@code check-certificate} ({@link #verifyPeer()}, default true): the server's chain must
 *       lead to a trusted CA and its certificate must cover the host name (endpoint
 *       identification "HTTPS"). Turning it off accepts any certificate and is insecure.</li>
 *   <li>{@code ca-certificate} ({@link #caCertificates()}, default none): a PEM file of CA
 *       certificates trusted in addition to the JDK's.</li>
 *   <li>{@code certificate} / {@code private-key} ({@link #clientCertificate()},
 *       {@link #clientPrivateKey()}): a client certificate, as a PKCS#12 file (with
 *       {@link #clientKeyPassword()}) or as a PEM certificate chain plus a PEM private key
 *       (unencrypted PKCS#8 or PKCS#1 RSA).</li>
 *   <li>{@code min-tls-version} ({@link #minimumProtocol()}, default {@code TLSv1.2}; only
 *       TLSv1.2 and TLSv1.3 are ever offered).</li>
 * </ul>
 */
public final class TlsSettings {

    /** Default and lowest allowed minimum protocol. */
    public static final String TLS_1_2 = "TLSv1.2";
    /** The newest protocol offered. */
    public static final String TLS_1_3 = "TLSv1.3";

    private static final TlsSettings DEFAULTS = builder().build();

    private final boolean verifyPeer;
    private final Path caCertificates;
    private final Path clientCertificate;
    private final Path clientPrivateKey;
    private final char[] clientKeyPassword;
    private final String minimumProtocol;

    private TlsSettings(Builder builder) {
        this.verifyPeer = builder.verifyPeer;
        this.caCertificates = builder.caCertificates;
        this.clientCertificate = builder.clientCertificate;
        this.clientPrivateKey = builder.clientPrivateKey;
        this.clientKeyPassword = builder.clientKeyPassword.clone();
        this.minimumProtocol = builder.minimumProtocol;
    }

    public static TlsSettings defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether certificates and host names are checked. */
    public boolean verifyPeer() {
        return verifyPeer;
    }

    /** PEM file of extra trusted CAs, or null. */
    public Path caCertificates() {
        return caCertificates;
    }

    /** Client certificate: PKCS#12 file, or PEM chain (with {@link #clientPrivateKey()}); or null. */
    public Path clientCertificate() {
        return clientCertificate;
    }

    /** PEM private key for a PEM client certificate, or null (PKCS#12 holds its own key). */
    public Path clientPrivateKey() {
        return clientPrivateKey;
    }

    /** Password of the PKCS#12 file (a copy; empty when none). */
    public char[] clientKeyPassword() {
        return clientKeyPassword.clone();
    }

    /** {@code TLSv1.2} or {@code TLSv1.3}. */
    public String minimumProtocol() {
        return minimumProtocol;
    }

    /** Builds {@link TlsSettings}. */
    public static final class Builder {
        private boolean verifyPeer = true;
        private Path caCertificates;
        private Path clientCertificate;
        private Path clientPrivateKey;
        private char[] clientKeyPassword = new char[0];
        private String minimumProtocol = TLS_1_2;

        private Builder() {
        }

        /** aria2 {@code check-certificate}; default true. */
        public Builder verifyPeer(boolean verify) {
            this.verifyPeer = verify;
            return this;
        }

        /** aria2 {@code ca-certificate}; default none (JDK trust store only). */
        public Builder caCertificates(Path pemFile) {
            this.caCertificates = pemFile;
            return this;
        }

        /** aria2 {@code certificate}: a PKCS#12 file (.p12/.pfx) or a PEM chain; default none. */
        public Builder clientCertificate(Path file) {
            this.clientCertificate = file;
            return this;
        }

        /** aria2 {@code private-key}: the PEM key of a PEM client certificate; default none. */
        public Builder clientPrivateKey(Path pemFile) {
            this.clientPrivateKey = pemFile;
            return this;
        }

        /** Password of a PKCS#12 client certificate; default empty. */
        public Builder clientKeyPassword(char[] password) {
            this.clientKeyPassword = Objects.requireNonNull(password).clone();
            return this;
        }

        /** aria2 {@code min-tls-version}: {@code TLSv1.2} (default) or {@code TLSv1.3}. */
        public Builder minimumProtocol(String protocol) {
            if (!TLS_1_2.equals(protocol) && !TLS_1_3.equals(protocol)) {
                throw new IllegalArgumentException("minimum TLS version must be TLSv1.2 or TLSv1.3, not " + protocol);
            }
            this.minimumProtocol = protocol;
            return this;
        }

        public TlsSettings build() {
            if (clientPrivateKey != null && clientCertificate == null) {
                throw new IllegalArgumentException("a client private key needs a client certificate");
            }
            return new TlsSettings(this);
        }
    }
}
